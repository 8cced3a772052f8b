import Foundation
import Testing
@testable import TollgateModel

/// Envelopes, signatures and JWKs made by securesystemslib / in-toto-attestation
/// (`scripts/interop/securesystemslib_interop.py generate`).
@Suite("securesystemslib interop")
struct InteropTests {
    static let names = ["ecdsa-p256", "ed25519", "rsa-pss"]

    static func artifactDigest() throws -> Digest {
        DigestAlgorithm.sha256.hash(try FixtureFiles.bytes("interop/artifact.txt"))
    }

    @Test("verifies securesystemslib DSSE envelopes holding in-toto Statement v1", arguments: names)
    func envelopes(name: String) throws {
        let key = try PublicKey(pem: try FixtureFiles.text("interop/\(name).pub"))
        let envelope = try DSSEEnvelope(parsing: try FixtureFiles.bytes("interop/\(name).dsse.json"))
        let verifier = AttestationVerifier(dsse: try DSSEVerifier(keys: [key]))
        let verdict = verifier.verify(envelope, artifact: try Self.artifactDigest(),
                                      predicateType: "https://slsa.dev/provenance/v1")
        guard case .verified(let statement, let subject, let keyIDs) = verdict else {
            Issue.record("\(verdict)")
            return
        }
        #expect(statement.version == .v1)
        #expect(subject.name == "artifact.txt")
        #expect(keyIDs == [key.keyID])
        #expect(statement.predicate["buildDefinition"]?["buildType"]?.stringValue == "https://example.com/interop")
    }

    @Test("verifies securesystemslib raw signatures over the artifact", arguments: names)
    func rawSignatures(name: String) throws {
        let key = try PublicKey(pem: try FixtureFiles.text("interop/\(name).pub"))
        let signature = try #require(Base64Text.decode(try FixtureFiles.text("interop/\(name).artifact.sig")
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(key.verify(signature: signature, message: try FixtureFiles.bytes("interop/artifact.txt")) == .valid)
    }

    @Test("a JWK and the PEM of the same key have the same key id", arguments: names)
    func jwk(name: String) throws {
        let pem = try PublicKey(pem: try FixtureFiles.text("interop/\(name).pub"))
        let jwk = try PublicKey(jwk: try FixtureFiles.data("interop/\(name).jwk"))
        #expect(jwk.keyID == pem.keyID)
        #expect(jwk.algorithm == pem.algorithm)
    }

    @Test("a two-signer envelope meets threshold 2 and fails threshold 2 when one key is untrusted")
    func threshold() throws {
        let p256 = try PublicKey(pem: try FixtureFiles.text("interop/ecdsa-p256.pub"))
        let ed = try PublicKey(pem: try FixtureFiles.text("interop/ed25519.pub"))
        let rsa = try PublicKey(pem: try FixtureFiles.text("interop/rsa-pss.pub"))
        let envelope = try DSSEEnvelope(parsing: try FixtureFiles.bytes("interop/two-signers.dsse.json"))
        #expect(envelope.signatures.count == 2)
        #expect(try DSSEVerifier(keys: [p256, ed], threshold: 2).verify(envelope).isVerified)
        #expect(!(try DSSEVerifier(keys: [p256, rsa], threshold: 2).verify(envelope).isVerified))
    }

    @Test("re-serializing a securesystemslib envelope keeps it verifiable")
    func reserialize() throws {
        let key = try PublicKey(pem: try FixtureFiles.text("interop/ed25519.pub"))
        let envelope = try DSSEEnvelope(parsing: try FixtureFiles.bytes("interop/ed25519.dsse.json"))
        let again = try DSSEEnvelope(parsing: envelope.jsonBytes())
        #expect(again == envelope)
        #expect(try DSSEVerifier(keys: [key]).verify(again).isVerified)
    }

    @Test("JWKs with unknown curves, private parts or short RSA moduli are rejected by name",
          arguments: [
              (#"{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}"#, "secp256k1"),
              (#"{"kty":"OKP","crv":"Ed448","x":"AA"}"#, "Ed448"),
              (#"{"kty":"oct","k":"AA"}"#, "oct"),
              (#"{"kty":"OKP","crv":"Ed25519","x":"AA","d":"AA"}"#, "private"),
              (#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#, "17 bits"),
              (#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#, "32 bytes"),
              ("[]", "JSON object"),
          ])
    func badJWK(json: String, message: String) {
        do {
            _ = try PublicKey(jwk: Data(json.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.reason.contains(message), "\(error.reason)")
        }
    }
}
