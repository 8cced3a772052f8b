import Foundation
import Testing
import TollgateInstall
import TollgateModel
import TollgatePolicy
import TollgateSigstore
import TollgateVerify

/// npm's publish attestation: the real bundle the registry published for `@playwright/cli@0.1.1`
/// (Fixtures/npm-publish, SOURCES.md), signed with the registry's attestation key from the
/// registry.npmjs.org keys.json TUF target, its log entry checked against the public-good trusted root.
@Suite("npm publish attestations (registry-signed)")
struct NpmPublishAttestationTests {
    static func bundle() throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/npm-publish/playwright-cli-0.1.1-publish.sigstore", withExtension: "json"))
        return [UInt8](try Data(contentsOf: url))
    }

    /// The tarball's sha512, as the registry's `dist.integrity` gives it (the statement's subject digest).
    static let tarball = try! Digest(algorithm: .sha512,
                                     hex: "f64d7565f0f001f3150c322e1155b55afb3c4a80cd5c863574d43ef42f7f492f199849647317acbb97a82fbbcd6bdea7b626d419aab54ccdaa428aaf765fc8f6")
    /// The publish time: the log entry's integrated time (2026-02-14).
    static let published = Date(timeIntervalSince1970: 1_771_111_725)

    static func verifier() throws -> SigstoreVerifier {
        SigstoreVerifier(trustedRoot: try TrustedRoot.publicGoodProduction(), options: VerificationOptions(now: { published.addingTimeInterval(3600) }))
    }

    static func verify(_ json: [UInt8], name: String = "@playwright/cli", version: String = "0.1.1", tarball: Digest = tarball,
                       keys: NpmRegistryKeys? = nil) async throws -> InstallCheck {
        await NpmPublishAttestation.verify(bundle: json, name: name, version: version, tarball: tarball, published: published,
                                           keys: try keys ?? NpmRegistrySignatureTests.keys(), verifier: try verifier(), source: "attestations#0")
    }

    @Test("the registry's real publish attestation verifies with its npm:attestations key")
    func verifies() async throws {
        let keys = try NpmRegistrySignatureTests.keys()
        #expect(keys.attestationKey(id: "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U") != nil)
        let outcome = try await Self.verify(try Self.bundle())
        guard case .verified(let text) = outcome else {
            Issue.record("expected verified, got \(outcome)")
            return
        }
        #expect(text.contains("@playwright/cli@0.1.1"))
    }

    @Test("a tampered statement (another version) does not verify")
    func tamperedPayload() async throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(try Self.bundle())) as? [String: Any])
        var envelope = try #require(object["dsseEnvelope"] as? [String: Any])
        let encoded = try #require(envelope["payload"] as? String)
        let payload = try #require(Data(base64Encoded: encoded))
        let changed = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "\"version\":\"0.1.1\"", with: "\"version\":\"0.1.2\"")
        envelope["payload"] = Data(changed.utf8).base64EncodedString()
        object["dsseEnvelope"] = envelope
        let tampered = [UInt8](try JSONSerialization.data(withJSONObject: object))
        let outcome = try await Self.verify(tampered, version: "0.1.2")
        guard case .failed(let text) = outcome else {
            Issue.record("a tampered attestation was accepted: \(outcome)")
            return
        }
        #expect(text.contains("does not verify"), "\(text)")
    }

    @Test("another tarball, another package, or an unknown key is refused")
    func refusals() async throws {
        let json = try Self.bundle()
        let other = DigestAlgorithm.sha512.hash(Array("not the tarball".utf8))
        guard case .failed = try await Self.verify(json, tarball: other) else {
            Issue.record("a bundle about another tarball was accepted")
            return
        }
        guard case .failed(let wrongName) = try await Self.verify(json, name: "@playwright/test") else {
            Issue.record("a bundle about another package was accepted")
            return
        }
        #expect(wrongName.contains("not pkg:npm/%40playwright/test@0.1.1"), "\(wrongName)")
        // Only the registry-signatures key, not the attestation key: the hint names no known attestation key.
        let signaturesOnly = try NpmRegistrySignatureTests.keys()
        let withoutAttestationKeys = NpmRegistryKeys(keys: signaturesOnly.keys, attestationKeys: [])
        guard case .failed(let unknown) = try await Self.verify(json, keys: withoutAttestationKeys) else {
            Issue.record("a bundle by an unknown key was accepted")
            return
        }
        #expect(unknown.contains("not a registry attestation key"))
    }

    @Test("judged with install.registrySignature: a failed publish attestation fails the rule")
    func evaluated() async throws {
        var facts = InstallFacts(ecosystem: .npm, name: "@playwright/cli", version: "0.1.1", purl: "pkg:npm/%40playwright/cli@0.1.1",
                                 integrity: .verified("ok"), hashPinned: true, registrySignature: .verified("signed by the registry"))
        facts.publishAttestation = .failed("attestations#0: does not verify")
        var policy = Policy(name: "install-defaults", file: "<test>")
        policy.install = InstallRules()
        let decision = Gate(policy: policy).evaluateInstall([Self.evidence(facts)], ecosystem: .npm, source: "test", now: Self.published)
        let rule = decision.packages.first?.decision.rules.first { $0.rule == .installRegistrySignature }
        #expect(rule?.result == .fail)
        #expect(rule?.reason.contains("registry publish attestation") == true)
    }

    static func evidence(_ facts: InstallFacts) -> Evidence {
        var item = Evidence(artifact: ArtifactSubject(digest: tarball, name: "cli-0.1.1.tgz", purl: facts.purl))
        item.install = facts
        return item
    }
}
