import Foundation
import Testing
@testable import TollgateModel

/// The sigstore-conformance `verification: key` cases: real cosign key material and signatures.
@Suite("sigstore-conformance key material")
struct ConformanceKeyTests {
    struct Bundle: Decodable {
        struct MessageSignature: Decodable {
            struct MessageDigest: Decodable { let algorithm: String; let digest: String }
            let messageDigest: MessageDigest
            let signature: String
        }
        let messageSignature: MessageSignature
    }

    static func bundle(_ name: String) throws -> Bundle {
        try JSONDecoder().decode(Bundle.self, from: try FixtureFiles.data("conformance/\(name)/bundle.sigstore.json"))
    }

    @Test("loads the managed key and verifies cosign's signature over the artifact")
    func happyPath() throws {
        let key = try PublicKey(pem: try FixtureFiles.text("conformance/managed-key-happy-path/key.pub"))
        #expect(key.algorithm == .ecdsaP256)
        let bundle = try Self.bundle("managed-key-happy-path")
        let signature = try #require(Base64Text.decode(bundle.messageSignature.signature))
        let artifact = try FixtureFiles.bytes("conformance/a.txt")
        #expect(key.verify(signature: signature, message: artifact) == .valid)

        // The prehashed path (hashedrekord carries sha256 of the artifact) agrees.
        let digestBytes = try #require(Base64Text.decode(bundle.messageSignature.messageDigest.digest))
        let digest = try Digest(algorithm: .sha256, bytes: digestBytes)
        #expect(digest == DigestAlgorithm.sha256.hash(artifact))
        #expect(key.verify(signature: signature, digest: digest) == .valid)
        var wrong = digestBytes
        wrong[0] ^= 1
        #expect(!key.verify(signature: signature, digest: try Digest(algorithm: .sha256, bytes: wrong)).isValid)
    }

    @Test("the wrong-key case's key.pub is not a valid P-256 point and is rejected")
    func wrongKey() throws {
        do {
            _ = try PublicKey(pem: try FixtureFiles.text("conformance/managed-key-wrong-key_fail/key.pub"))
            Issue.record("expected the corrupted key to be rejected")
        } catch let error as ModelError {
            #expect(error.kind == .invalidKey)
        }
    }
}
