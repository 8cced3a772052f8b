import Foundation
import Testing
@testable import TollgateSigstore

@Suite("verifier behaviour")
struct VerifierBehaviourTests {
    static let conformance = ConformanceCase.fixtures.appendingPathComponent("conformance")
    static let identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"
    static let issuer = "https://token.actions.githubusercontent.com"

    func setup(_ name: String = "happy-path-v0.3") throws -> (SigstoreVerifier, UnverifiedBundle, Artifact) {
        let root = try TrustedRoot(json: [UInt8](try Data(contentsOf: Self.conformance.appendingPathComponent("trusted_root.production.json"))))
        let bundle = try UnverifiedBundle(json: [UInt8](try Data(contentsOf: Self.conformance.appendingPathComponent("cases/\(name)/bundle.sigstore.json"))))
        let artifact = Artifact(bytes: [UInt8](try Data(contentsOf: Self.conformance.appendingPathComponent("cases/a.txt"))))
        return (SigstoreVerifier(trustedRoot: root, options: VerificationOptions(now: { ConformanceCase.fixedNow })), bundle, artifact)
    }

    @Test("an identity mismatch names the expected and the actual SAN and issuer")
    func identityMismatchNamesBoth() async throws {
        let (verifier, bundle, artifact) = try setup()
        let policy = try IdentityPolicy.certificate(subject: "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1", issuer: "https://accounts.google.com")
        let failure = await verifier.verify(bundle, artifact: artifact, policy: policy).failure
        #expect(failure?.reason == .identityMismatch)
        let message = failure?.message ?? ""
        #expect(message.contains("https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1"))
        #expect(message.contains("https://accounts.google.com"))
        #expect(message.contains(Self.identity))
        #expect(message.contains(Self.issuer))
    }

    @Test("SAN and issuer regular expressions match whole strings")
    func regexpPolicies() async throws {
        let (verifier, bundle, artifact) = try setup()
        let good = try IdentityPolicy.certificate(subjectRegexp: "^https://github.com/sigstore-conformance/.+@refs/heads/main$", issuerRegexp: "https://token\\.actions\\..*")
        #expect(await verifier.verify(bundle, artifact: artifact, policy: good).failure == nil)
        let partial = try IdentityPolicy.certificate(subjectRegexp: "sigstore-conformance", issuer: Self.issuer)
        #expect(await verifier.verify(bundle, artifact: artifact, policy: partial).failure?.reason == .identityMismatch)
    }

    @Test("contradictory or broken identity options are rejected when the policy is built")
    func policyValidation() {
        #expect(throws: SigstoreError.self) { try IdentityPolicy.certificate(subject: "a", subjectRegexp: "b", issuer: "c") }
        #expect(throws: SigstoreError.self) { try IdentityPolicy.certificate(subject: "a") }
        #expect(throws: SigstoreError.self) { try IdentityPolicy.certificate(subjectRegexp: "(", issuer: "c") }
        #expect(throws: SigstoreError.self) { try IdentityPolicy.publicKey(pem: "not a key") }
    }

    @Test("the verified result reports identity, signing time and log entry")
    func verifiedResultCarriesEvidence() async throws {
        let (verifier, bundle, artifact) = try setup()
        let policy = try IdentityPolicy.certificate(subject: Self.identity, issuer: Self.issuer)
        let verified = try #require(await verifier.verify(bundle, artifact: artifact, policy: policy).verifiedBundle)
        #expect(verified.identity?.issuer == Self.issuer)
        #expect(verified.signingTimes == [VerifiedTime(date: Date(timeIntervalSince1970: 1710869186), source: .transparencyLog)])
        #expect(verified.logEntries.first?.logIndex == 79571823)
        #expect(verified.logEntries.first?.baseURL == "https://rekor.sigstore.dev")
    }

    @Test("a signing time after the injected clock is rejected")
    func futureTimeRejected() async throws {
        let (_, bundle, artifact) = try setup()
        let root = try TrustedRoot(json: [UInt8](try Data(contentsOf: Self.conformance.appendingPathComponent("trusted_root.production.json"))))
        let early = SigstoreVerifier(trustedRoot: root, options: VerificationOptions(now: { Date(timeIntervalSince1970: 1_700_000_000) }))
        let policy = try IdentityPolicy.certificate(subject: Self.identity, issuer: Self.issuer)
        #expect(await early.verify(bundle, artifact: artifact, policy: policy).failure?.reason == .timeInFuture)
    }

    @Test("the shipped production and staging trusted roots load")
    func shippedRoots() throws {
        let production = try TrustedRoot.publicGoodProduction()
        let staging = try TrustedRoot.publicGoodStaging()
        #expect(production.transparencyLogs.contains { $0.baseURL == "https://rekor.sigstore.dev" })
        #expect(staging.transparencyLogs.contains { $0.baseURL.contains("sigstage") })
        #expect(!production.certificateAuthorities.isEmpty && !production.timestampAuthorities.isEmpty)
    }

    @Test("validFor windows are closed intervals")
    func closedIntervals() {
        let range = TimeRange(start: Date(timeIntervalSince1970: 100), end: Date(timeIntervalSince1970: 200))
        #expect(range.contains(Date(timeIntervalSince1970: 100)))
        #expect(range.contains(Date(timeIntervalSince1970: 200)))
        #expect(!range.contains(Date(timeIntervalSince1970: 200.001)))
        #expect(!range.contains(Date(timeIntervalSince1970: 99.999)))
    }
}
