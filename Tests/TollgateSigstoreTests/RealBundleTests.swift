import Foundation
import Testing
import TollgateModel
@testable import TollgateSigstore

/// Real public bundles (npm provenance and npm publish attestations, sigstore-go's examples),
/// copied verbatim into `Fixtures/real` (sources: `Fixtures/real/SOURCES.md`). All offline,
/// against the production trusted root from the conformance fixtures, at a fixed clock.
@Suite("real public bundles")
struct RealBundleTests {
    static let real = ConformanceCase.fixtures.appendingPathComponent("real")
    static let issuer = "https://token.actions.githubusercontent.com"

    /// `provenance-npm-test@1.0.3`: both attestations npm served for it (slsa-verifier testdata).
    static let npmAttestations = "slsa-verifier/provenance-npm-test-cli-v02-prega.tgz.json"
    static let npmSubject = "sha512:f2995e2565a1510c707850d8194f983b91fe61ec243c5551ad849c357273768b5f3a57e44b81cc0cd36a34b8b933322be871eea5b058202be807e24dc882811b"
    static let npmIdentity = "https://github.com/laurentsimon/provenance-npm-test/.github/workflows/release.yml@refs/heads/main"

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: real.appendingPathComponent(relative)))
    }

    /// The `bundle` of attestation `index` in an npm attestations response, as JSON bytes.
    static func npmBundle(_ index: Int, edit: (inout [String: Any]) -> Void = { _ in }) throws -> [UInt8] {
        let response = try JSONSerialization.jsonObject(with: Data(try bytes(npmAttestations))) as? [String: Any]
        let attestations = try #require(response?["attestations"] as? [[String: Any]])
        var bundle = try #require(attestations[index]["bundle"] as? [String: Any])
        edit(&bundle)
        return [UInt8](try JSONSerialization.data(withJSONObject: bundle))
    }

    static func verifier() throws -> SigstoreVerifier {
        let root = try TrustedRoot(json: [UInt8](try Data(contentsOf: ConformanceCase.fixtures.appendingPathComponent("conformance/trusted_root.production.json"))))
        return SigstoreVerifier(trustedRoot: root, options: VerificationOptions(now: { ConformanceCase.fixedNow }))
    }

    /// npm's attestation key (`npm:attestations`, key ID `SHA256:jl3bw…`) from the TUF target
    /// sigstore/root-signing distributes, as a PEM public key.
    static func npmAttestationKey() throws -> IdentityPolicy {
        struct Keys: Decodable {
            struct Key: Decodable {
                struct PublicKey: Decodable { let rawBytes: String }
                let keyId: String
                let keyUsage: String
                let publicKey: PublicKey
            }
            let keys: [Key]
        }
        let keys = try JSONDecoder().decode(Keys.self, from: Data(try bytes("root-signing/registry.npmjs.org-keys.json")))
        let key = try #require(keys.keys.first { $0.keyUsage == "npm:attestations" && $0.keyId == "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA" })
        return try IdentityPolicy.publicKey(pem: pem(key.publicKey.rawBytes))
    }

    /// A PEM block with 64-character lines, as PEM parsers expect.
    static func pem(_ base64: String) -> String {
        var lines: [Substring] = []
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(rest.prefix(64))
            rest = rest.dropFirst(64)
        }
        return "-----BEGIN PUBLIC KEY-----\n" + lines.joined(separator: "\n") + "\n-----END PUBLIC KEY-----\n"
    }

    @Test("npm provenance (v0.1, chain [leaf, intermediate, trusted root], intoto 0.0.2 with only a SET) verifies by its sha512 subject")
    func npmProvenanceV01() async throws {
        let bundle = try UnverifiedBundle(json: try Self.npmBundle(1))
        #expect(bundle.version == .v0_1)
        #expect(bundle.tlogEntries.first?.inclusionProof == nil)
        if case .certificate(_, _, let rest) = bundle.material { #expect(rest.count == 2) }
        let policy = try IdentityPolicy.certificate(subject: Self.npmIdentity, issuer: Self.issuer)
        let result = try await Self.verifier().verify(bundle, artifact: try Artifact(digestString: Self.npmSubject), policy: policy)
        let verified = try #require(result.verifiedBundle, "\(result.failure?.description ?? "")")
        #expect(verified.signingTimes == [VerifiedTime(date: Date(timeIntervalSince1970: 1682011038), source: .transparencyLog)])
        #expect(verified.logEntries.map(\.logIndex) == [18493590])
        #expect(verified.logEntries.first?.kind == "intoto/0.0.2")
        #expect(verified.identity?.issuer == Self.issuer)
        #expect(verified.warnings.isEmpty)
    }

    struct PublishCase: Sendable, CustomTestStringConvertible {
        let name: String
        let load: @Sendable () throws -> [UInt8]
        let subject: String
        let logIndex: UInt64
        let integratedTime: TimeInterval
        var testDescription: String { name }
    }

    static let publishCases = [
        PublishCase(name: "provenance-npm-test@1.0.3 (slsa-verifier)", load: { try npmBundle(0) }, subject: npmSubject,
                    logIndex: 18493593, integratedTime: 1682011041),
        PublishCase(name: "sigstore@1.3.0 (sigstore-go examples/bundle-publish.json)", load: { try bytes("sigstore-go/bundle-publish.json") },
                    subject: "sha512:76176ffa33808b54602c7c35de5c6e9a4deb96066dba6533f50ac234f4f1f4c6b3527515dc17c06fbe2860030f410eee69ea20079bd3a2c6f3dcf3b329b10751",
                    logIndex: 18300940, integratedTime: 1681839916),
    ]

    @Test("an npm publish attestation (v0.1, signed by npm's registry key, intoto 0.0.2 with only a SET) verifies with that key",
          arguments: publishCases)
    func npmPublishAttestation(_ testCase: PublishCase) async throws {
        let bundle = try UnverifiedBundle(json: try testCase.load())
        let result = try await Self.verifier().verify(bundle, artifact: try Artifact(digestString: testCase.subject), policy: try Self.npmAttestationKey())
        let verified = try #require(result.verifiedBundle, "\(result.failure?.description ?? "")")
        #expect(verified.identity == nil)
        #expect(verified.logEntries.map(\.logIndex) == [testCase.logIndex])
        #expect(verified.signingTimes.map(\.date) == [Date(timeIntervalSince1970: testCase.integratedTime)])
    }

    @Test("a real npm bundle does not verify for another sha512, nor for a digest algorithm its subject lacks",
          arguments: [
              ("sha512:" + String(repeating: "0", count: 128), "no in-toto subject"),
              ("sha256:" + String(repeating: "0", count: 64), "no in-toto subject"),
          ])
    func npmProvenanceWrongDigest(_ digest: String, _ expected: String) async throws {
        let policy = try IdentityPolicy.certificate(subject: Self.npmIdentity, issuer: Self.issuer)
        let bundle = try UnverifiedBundle(json: try Self.npmBundle(1))
        let failure = try await Self.verifier().verify(bundle, artifact: try Artifact(digestString: digest), policy: policy).failure
        #expect(failure?.reason == .artifactMismatch)
        #expect(failure?.message.contains(expected) == true, "\(failure?.message ?? "")")
    }

    @Test("a real npm bundle whose SET covers another body or key no longer verifies")
    func npmPublishWithWrongKey() async throws {
        // The provenance bundle's certificate is not npm's key: the material does not fit.
        let bundle = try UnverifiedBundle(json: try Self.npmBundle(1))
        let failure = try await Self.verifier().verify(bundle, artifact: try Artifact(digestString: Self.npmSubject), policy: try Self.npmAttestationKey()).failure
        #expect(failure?.reason == .materialMismatch)
        // The publish attestation checked against the provenance identity: also a material mismatch.
        let publish = try UnverifiedBundle(json: try Self.npmBundle(0))
        let policy = try IdentityPolicy.certificate(subject: Self.npmIdentity, issuer: Self.issuer)
        #expect(try await Self.verifier().verify(publish, artifact: try Artifact(digestString: Self.npmSubject), policy: policy).failure?.reason == .materialMismatch)
    }

    /// Replaces the last certificate of the provenance bundle's chain.
    static func provenanceWithRoot(_ rawBytes: String?) throws -> [UInt8] {
        try npmBundle(1) { bundle in
            guard var material = bundle["verificationMaterial"] as? [String: Any],
                  var chain = material["x509CertificateChain"] as? [String: Any],
                  var certificates = chain["certificates"] as? [[String: Any]] else { return }
            certificates.removeLast()
            if let rawBytes { certificates.append(["rawBytes": rawBytes]) }
            chain["certificates"] = certificates
            material["x509CertificateChain"] = chain
            bundle["verificationMaterial"] = material
        }
    }

    @Test("a bundle certificate equal to a trusted-root certificate is ignored; any other self-signed certificate fails")
    func bundleRootCertificateRule() async throws {
        let policy = try IdentityPolicy.certificate(subject: Self.npmIdentity, issuer: Self.issuer)
        let artifact = try Artifact(digestString: Self.npmSubject)
        let verifier = try Self.verifier()
        // Without the root: [leaf, intermediate] verifies as well.
        let withoutRoot = try UnverifiedBundle(json: try Self.provenanceWithRoot(nil))
        #expect(await verifier.verify(withoutRoot, artifact: artifact, policy: policy).failure == nil)
        // The 2021 Fulcio root of the trusted root (another CA's certificate) is still a trusted-root certificate.
        let rootJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: ConformanceCase.fixtures.appendingPathComponent("conformance/trusted_root.production.json"))) as? [String: Any]
        let authorities = try #require(rootJSON?["certificateAuthorities"] as? [[String: Any]])
        let oldRoot = try #require(((authorities[0]["certChain"] as? [String: Any])?["certificates"] as? [[String: Any]])?.last?["rawBytes"] as? String)
        let withOtherTrustedRoot = try UnverifiedBundle(json: try Self.provenanceWithRoot(oldRoot))
        #expect(await verifier.verify(withOtherTrustedRoot, artifact: artifact, policy: policy).failure == nil)
        // The self-signed "sigstore" root that the conformance suite's bundle-with-root-cert_fail ships
        // (second of [leaf, root, intermediate]) is not a certificate of the trusted root.
        let foreign = try JSONSerialization.jsonObject(with: Data(contentsOf: ConformanceCase.fixtures.appendingPathComponent("conformance/cases/bundle-with-root-cert_fail/bundle.sigstore.json"))) as? [String: Any]
        let foreignChain = try #require(((foreign?["verificationMaterial"] as? [String: Any])?["x509CertificateChain"] as? [String: Any])?["certificates"] as? [[String: Any]])
        let foreignRoot = try #require(foreignChain[1]["rawBytes"] as? String)
        let withForeignRoot = try UnverifiedBundle(json: try Self.provenanceWithRoot(foreignRoot))
        let failure = await verifier.verify(withForeignRoot, artifact: artifact, policy: policy).failure
        #expect(failure?.reason == .rootCertificateInBundle)
        #expect(failure?.message.contains("not a certificate of the trusted root") == true)
    }
}
