import Foundation
import Testing
import TollgateSigstore

@Suite("PEP 740 attestations")
struct PEP740Tests {
    static let dir = ConformanceCase.fixtures.appendingPathComponent("pep740")
    static let caseDir = dir.appendingPathComponent("cases/pa-pep740-pypi-attestations-publish")
    static let identity = "https://github.com/trailofbits/pypi-attestations/.github/workflows/release.yml@refs/tags/v0.0.19"
    static let issuer = "https://token.actions.githubusercontent.com"

    func load() throws -> (SigstoreVerifier, UnverifiedBundle, [UInt8]) {
        let root = try TrustedRoot(json: [UInt8](try Data(contentsOf: Self.dir.appendingPathComponent("production.trusted_root.json"))))
        let bundle = try UnverifiedBundle(json: [UInt8](try Data(contentsOf: Self.caseDir.appendingPathComponent("pypi_attestations-0.0.19.tar.gz.publish.attestation"))))
        let artifact = [UInt8](try Data(contentsOf: Self.caseDir.appendingPathComponent("artifact/pypi_attestations-0.0.19.tar.gz")))
        return (SigstoreVerifier(trustedRoot: root, options: VerificationOptions(now: { ConformanceCase.fixedNow })), bundle, artifact)
    }

    @Test("a real PyPI publish attestation verifies as a DSSE bundle")
    func verifiesRealAttestation() async throws {
        let (verifier, bundle, artifact) = try load()
        #expect(bundle.isPEP740Attestation)
        let policy = try IdentityPolicy.certificate(subject: Self.identity, issuer: Self.issuer)
        let result = await verifier.verify(bundle, artifact: Artifact(bytes: artifact, filename: "pypi_attestations-0.0.19.tar.gz"), policy: policy)
        #expect(result.failure == nil, "\(String(describing: result.failure))")
        #expect(result.verifiedBundle?.identity?.subjectAlternativeNames == [Self.identity])
    }

    @Test("the in-toto subject name must equal the distribution's filename")
    func rejectsRenamedDistribution() async throws {
        let (verifier, bundle, artifact) = try load()
        let policy = try IdentityPolicy.certificate(subject: Self.identity, issuer: Self.issuer)
        let result = await verifier.verify(bundle, artifact: Artifact(bytes: artifact, filename: "pypi_attestations-0.0.19-renamed.tar.gz"), policy: policy)
        #expect(result.failure?.reason == .artifactMismatch)
    }

    @Test("an attestation for other bytes is rejected")
    func rejectsOtherBytes() async throws {
        let (verifier, bundle, artifact) = try load()
        let policy = try IdentityPolicy.certificate(subject: Self.identity, issuer: Self.issuer)
        let result = await verifier.verify(bundle, artifact: Artifact(bytes: artifact + [0], filename: "pypi_attestations-0.0.19.tar.gz"), policy: policy)
        #expect(result.failure?.reason == .artifactMismatch)
    }
}
