import Foundation
import Testing
@testable import TollgateModel

@Suite("Public keys and openssl signatures")
struct PublicKeyTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let key: String
        let signature: String
        let algorithm: KeyAlgorithm
        var testDescription: String { signature }
    }

    static let opensslVectors: [Vector] = [
        .init(key: "p256.pub", signature: "p256.sig", algorithm: .ecdsaP256),
        .init(key: "p384.pub", signature: "p384.sig", algorithm: .ecdsaP384),
        .init(key: "p521.pub", signature: "p521.sig", algorithm: .ecdsaP521),
        .init(key: "ed25519.pub", signature: "ed25519.sig", algorithm: .ed25519),
        .init(key: "rsa2048.pub", signature: "rsa2048-pkcs1v15.sig", algorithm: .rsa(bits: 2048)),
        .init(key: "rsa2048.pub", signature: "rsa2048-pss.sig", algorithm: .rsa(bits: 2048)),
        .init(key: "rsa2048.pkcs1.pub", signature: "rsa2048-pkcs1v15.sig", algorithm: .rsa(bits: 2048)),
    ]

    static func load(_ vector: Vector) throws -> (PublicKey, [UInt8], [UInt8]) {
        let key = try PublicKey(pem: try FixtureFiles.text("openssl/\(vector.key)"))
        let signature = try #require(Base64Text.decode(try FixtureFiles.text("openssl/\(vector.signature)")))
        return (key, signature, try FixtureFiles.bytes("openssl/message.txt"))
    }

    @Test("verifies signatures made by openssl", arguments: opensslVectors)
    func verifiesOpenSSL(vector: Vector) throws {
        let (key, signature, message) = try Self.load(vector)
        #expect(key.algorithm == vector.algorithm)
        #expect(key.verify(signature: signature, message: message) == .valid)
    }

    @Test("rejects an openssl signature when any message byte changes", arguments: opensslVectors)
    func mutatedMessage(vector: Vector) throws {
        let (key, signature, message) = try Self.load(vector)
        for index in stride(from: 0, to: message.count, by: 7) {
            var mutated = message
            mutated[index] ^= 0x01
            #expect(!key.verify(signature: signature, message: mutated).isValid)
        }
    }

    @Test("the key id is the SHA-256 of the SubjectPublicKeyInfo DER")
    func keyID() throws {
        for name in ["p256.pub", "p384.pub", "ed25519.pub", "rsa2048.pub"] {
            let pem = try FixtureFiles.text("openssl/\(name)")
            let der = try PEMBlock(parsing: pem).der
            let key = try PublicKey(pem: pem)
            #expect(key.spkiDER == der)
            #expect(key.keyID == DigestAlgorithm.sha256.hash(der).hex)
            #expect(try PublicKey(spkiDER: der).keyID == key.keyID)
        }
    }

    @Test("PKCS#1 and SPKI encodings of one RSA key have the same key id")
    func pkcs1SameID() throws {
        let spki = try PublicKey(pem: try FixtureFiles.text("openssl/rsa2048.pub"))
        let pkcs1 = try PublicKey(pem: try FixtureFiles.text("openssl/rsa2048.pkcs1.pub"))
        #expect(spki.keyID == pkcs1.keyID)
    }

    @Test("the policy rejects a 1024-bit RSA key, naming its size")
    func weakRSA() throws {
        let key = try PublicKey(pem: try FixtureFiles.text("openssl/rsa1024.pub"))
        #expect(key.algorithm == .rsa(bits: 1024))
        let signature = try #require(Base64Text.decode(try FixtureFiles.text("openssl/rsa1024.sig")))
        let verdict = key.verify(signature: signature, message: try FixtureFiles.bytes("openssl/message.txt"))
        #expect(verdict.reason?.contains("1024 bits") == true, "\(verdict)")
        // A permissive policy shows the signature itself is fine: only the policy said no.
        #expect(key.verify(signature: signature, message: try FixtureFiles.bytes("openssl/message.txt"),
                           policy: AlgorithmPolicy(minimumRSABits: 1024)) == .valid)
    }

    @Test("unknown curves and algorithms are rejected by name",
          arguments: [("secp256k1.pub", "secp256k1"), ("ed448.pub", "Ed448")])
    func unknownAlgorithms(file: String, name: String) throws {
        do {
            _ = try PublicKey(pem: try FixtureFiles.text("openssl/\(file)"))
            Issue.record("expected unsupported-algorithm")
        } catch let error as ModelError {
            #expect(error.kind == .unsupportedAlgorithm)
            #expect(error.reason.contains(name), "\(error.reason)")
        }
    }

    @Test("the policy rejects SHA-1 and MD5 by name and accepts SHA-2",
          arguments: [("sha1", false), ("SHA-1", false), ("md5", false), ("sha256", true), ("SHA2_384", true), ("whirlpool", false)])
    func hashPolicy(name: String, accepted: Bool) {
        let verdict = AlgorithmPolicy.default.check(hashName: name)
        #expect(verdict.isValid == accepted)
        if !accepted { #expect(verdict.reason?.contains(name) == true) }
    }

    @Test("a private key PEM passed as a public key is a wrong key type")
    func wrongKeyType() throws {
        do {
            _ = try PublicKey(pem: try FixtureFiles.text("openssl/p256.key"))
            Issue.record("expected wrong-key-type")
        } catch let error as ModelError {
            #expect(error.kind == .wrongKeyType)
        }
    }

    @Test("a signature from another key type or in the wrong encoding is invalid, not a crash")
    func crossKey() throws {
        let message = try FixtureFiles.bytes("openssl/message.txt")
        let p256 = try PublicKey(pem: try FixtureFiles.text("openssl/p256.pub"))
        let ed = try #require(Base64Text.decode(try FixtureFiles.text("openssl/ed25519.sig")))
        #expect(p256.verify(signature: ed, message: message).reason?.contains("DER") == true)
        #expect(p256.verify(signature: [], message: message).reason?.contains("empty") == true)
        let edKey = try PublicKey(pem: try FixtureFiles.text("openssl/ed25519.pub"))
        let ecdsa = try #require(Base64Text.decode(try FixtureFiles.text("openssl/p256.sig")))
        #expect(edKey.verify(signature: ecdsa, message: message).reason?.contains("64 bytes") == true)
    }

    @Test("garbage DER is an invalid key, never a crash", arguments: [[UInt8](), [0x30], [0x30, 0x03, 0x02, 0x01, 0x00], Array(repeating: 0xFF, count: 64)])
    func garbageDER(der: [UInt8]) {
        #expect(throws: ModelError.self) { try PublicKey(spkiDER: der) }
    }
}

@Suite("Prehashed verification")
struct PrehashedVerificationTests {
    @Test("ECDSA verifies against the curve's digest computed elsewhere",
          arguments: [(KeyAlgorithm.ecdsaP256, DigestAlgorithm.sha256), (.ecdsaP384, .sha384), (.ecdsaP521, .sha512)])
    func ecdsa(algorithm: KeyAlgorithm, hash: DigestAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm)
        let message = Array("prehashed".utf8)
        let signature = try key.sign(message)
        #expect(key.publicKey.verify(signature: signature, digest: hash.hash(message)) == .valid)
        #expect(!key.publicKey.verify(signature: signature, digest: hash.hash(message + [0])).isValid)
    }

    @Test("Ed25519 and RSA say why they cannot verify a bare digest")
    func unsupported() throws {
        let digest = DigestAlgorithm.sha256.hash([1])
        let ed = try PrivateKey.generate(.ed25519).publicKey
        #expect(ed.verify(signature: [1], digest: digest).reason?.contains("Ed25519") == true)
        let rsa = try PublicKey(pem: try FixtureFiles.text("openssl/rsa2048.pub"))
        #expect(rsa.verify(signature: [1], digest: digest).reason?.contains("RSA") == true)
    }
}
