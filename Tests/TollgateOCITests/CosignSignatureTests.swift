import Foundation
import Testing
import TollgateModel
@testable import TollgateOCI
import TollgateSigstore

/// A real keyless cosign signature from public test data (Fixtures/SOURCES.md), verified as
/// cosign does against the shipped public-good trusted root at a fixed time.
@Suite("cosign signatures are verified as cosign verifies them")
struct CosignSignatureTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("cosign")
    static let digest = try! Digest(parsing: "sha256:d454b76c23edb9f9abf0541257dc0e92ee9c16df25d4676ec0946f6beae12ef5")
    static let repository = try! Repository(parsing: "docker.io/salrashid123/server_image")
    static let signedAt = Date(timeIntervalSince1970: 1_770_296_400)   // 2026-02-05T13:00:00Z

    static func signature(payload: [UInt8]? = nil) throws -> CosignSignature {
        let manifestBytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("server_image.sig.manifest.json")))
        let manifest = try OCIManifest(bytes: manifestBytes, digest: DigestAlgorithm.sha256.hash(manifestBytes), contentType: nil)
        guard case .image(let image) = manifest.content, let layer = image.layers.first else {
            throw OCIError(.invalidManifest, "fixture is not an image manifest")
        }
        let stored = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("server_image.sig.payload.json")))
        #expect(DigestAlgorithm.sha256.hash(stored) == layer.digest)
        return try CosignSignature(layer: layer, payload: payload ?? stored, source: "fixture", foundFor: digest)
    }

    static func verifier(keys: [PublicKey] = []) throws -> CosignVerifier {
        CosignVerifier(keys: keys, trustedRoot: try TrustedRoot.publicGoodProduction(), now: { signedAt })
    }

    @Test("a real keyless signature verifies: chain to Fulcio, SCT, SET by Rekor, signature, entry body")
    func verifies() async throws {
        let verdict = try await Self.verifier().verify(try Self.signature(), digest: Self.digest, repository: Self.repository)
        guard case .verified(let verified) = verdict else {
            Issue.record("not verified: \(verdict)")
            return
        }
        #expect(verified.payload.manifestDigest == Self.digest)
        #expect(verified.bundle?.identity?.subjectAlternativeNames == ["salrashid123@gmail.com"])
        #expect(verified.bundle?.identity?.issuer == "https://github.com/login/oauth")
    }

    @Test("the same signature does not verify for another digest (critical.image.docker-manifest-digest)")
    func otherDigest() async throws {
        let other = try Digest(parsing: "sha256:" + String(repeating: "0", count: 64))
        let verdict = try await Self.verifier().verify(try Self.signature(), digest: other, repository: Self.repository)
        guard case .failed(let failure) = verdict else { Issue.record("verified for another digest"); return }
        #expect(failure.code == .wrongDigest)
    }

    @Test("a signature naming another repository is refused (critical.identity.docker-reference)")
    func otherRepository() async throws {
        let verdict = try await Self.verifier().verify(try Self.signature(), digest: Self.digest,
                                                   repository: try Repository(parsing: "ghcr.io/someone/else"))
        guard case .failed(let failure) = verdict else { Issue.record("verified for another repository"); return }
        #expect(failure.code == .wrongReference)
    }

    @Test("a payload changed after signing fails the signature")
    func tampered() async throws {
        var payload = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("server_image.sig.payload.json")))
        payload.append(contentsOf: Array(" ".utf8))
        let verdict = try await Self.verifier().verify(try Self.signature(payload: payload), digest: Self.digest, repository: Self.repository)
        guard case .failed(let failure) = verdict else { Issue.record("a tampered payload verified"); return }
        #expect(failure.code == .invalid)
    }

    @Test("a key-signed payload verifies with its key and not with another")
    func keyed() async throws {
        let key = try PrivateKey.generate(.ecdsaP256)
        let payload = SimpleSigningPayload(dockerReference: "localhost:5000/app", manifestDigest: Self.digest).jsonBytes
        let signature = CosignSignature(payload: payload, signature: try key.sign(payload), source: "test", foundFor: Self.digest)
        let repository = try Repository(parsing: "localhost:5000/app")
        guard case .verified = try await Self.verifier(keys: [key.publicKey]).verify(signature, digest: Self.digest, repository: repository) else {
            Issue.record("keyed signature not verified"); return
        }
        let other = try PrivateKey.generate(.ecdsaP256).publicKey
        guard case .failed(let failure) = try await Self.verifier(keys: [other]).verify(signature, digest: Self.digest, repository: repository) else {
            Issue.record("verified with the wrong key"); return
        }
        #expect(failure.code == .invalid)
    }

    @Test("payloads that are not simple signing are malformed, never a crash", arguments: [
        "", "{", "[]", #"{"critical":{}}"#, #"{"critical":{"type":"x","image":{"docker-manifest-digest":"sha256:00"}}}"#,
        #"{"critical":{"type":"cosign container image signature","image":{"docker-manifest-digest":"md5:00"},"identity":{"docker-reference":"a"}}}"#,
    ])
    func malformed(payload: String) async throws {
        let signature = CosignSignature(payload: Array(payload.utf8), signature: [1], source: "test", foundFor: Self.digest)
        guard case .failed(let failure) = try await Self.verifier().verify(signature, digest: Self.digest, repository: nil) else {
            Issue.record("verified"); return
        }
        #expect(failure.code == .malformed)
    }
}
