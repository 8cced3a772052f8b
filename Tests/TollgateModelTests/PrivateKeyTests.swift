import Foundation
import Testing
@testable import TollgateModel

/// A deterministic generator so encrypted-key tests can fix the salt and nonce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Private keys")
struct PrivateKeyTests {
    static let algorithms: [KeyAlgorithm] = [.ecdsaP256, .ecdsaP384, .ecdsaP521, .ed25519]
    /// Cheap scrypt settings: the format is the same, only slower settings are used for real keys.
    static let fast = ScryptParameters(cost: 1 << 10, blockSize: 8, parallelization: 1)

    @Test("a generated key signs and its public key verifies", arguments: algorithms)
    func signVerify(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm)
        #expect(key.algorithm == algorithm)
        let message = Array("hello tollgate".utf8)
        let signature = try key.sign(message)
        #expect(key.publicKey.verify(signature: signature, message: message) == .valid)
        if algorithm == .ed25519 { #expect(signature.count == 64) } else { #expect(signature.first == 0x30) }
    }

    @Test("mutating any byte of the message or signature fails verification", arguments: algorithms)
    func mutation(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm)
        let message = Array("the quick brown fox".utf8)
        let signature = try key.sign(message)
        for index in message.indices {
            for bit in [0x01, 0x80] as [UInt8] {
                var mutated = message
                mutated[index] ^= bit
                #expect(!key.publicKey.verify(signature: signature, message: mutated).isValid)
            }
        }
        for index in signature.indices {
            var mutated = signature
            mutated[index] ^= 0x01
            #expect(!key.publicKey.verify(signature: mutated, message: message).isValid)
        }
        #expect(!key.publicKey.verify(signature: Array(signature.dropLast()), message: message).isValid)
    }

    @Test("encrypted PKCS#8 round-trips and the wrong passphrase is refused", arguments: algorithms)
    func encryptedRoundTrip(algorithm: KeyAlgorithm) throws {
        let key = try PrivateKey.generate(algorithm)
        var rng = SeededGenerator(state: 42)
        let pem = try key.encryptedPEM(passphrase: Array("correct horse".utf8), parameters: Self.fast, using: &rng)
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let loaded = try PrivateKey(pem: pem, passphrase: Array("correct horse".utf8))
        #expect(loaded.publicKey.keyID == key.publicKey.keyID)
        do {
            _ = try PrivateKey(pem: pem, passphrase: Array("wrong".utf8))
            Issue.record("expected a wrong-passphrase error")
        } catch {
            #expect(error.kind == .encryptedKey)
        }
        #expect(throws: ModelError.self) { try PrivateKey(pem: pem) }
    }

    @Test("a tampered encrypted key fails authentication")
    func tampered() throws {
        let key = try PrivateKey.generate(.ecdsaP256)
        let pem = try key.encryptedPEM(passphrase: Array("pw".utf8), parameters: Self.fast)
        var der = try PEMBlock(parsing: pem).der
        der[der.count - 5] ^= 0x40
        let tampered = PEMBlock(label: "ENCRYPTED PRIVATE KEY", der: der).pem
        do {
            _ = try PrivateKey(pem: tampered, passphrase: Array("pw".utf8))
            Issue.record("expected failure")
        } catch {
            #expect(error.kind == .encryptedKey)
        }
    }

    @Test("hostile scrypt parameters are refused before any work")
    func hostileScrypt() throws {
        let info = EncryptedPrivateKeyInfo(salt: Array(repeating: 1, count: 16),
                                           parameters: ScryptParameters(cost: 1 << 30, blockSize: 8, parallelization: 1),
                                           nonce: Array(repeating: 2, count: 12), encryptedData: Array(repeating: 3, count: 64))
        let pem = PEMBlock(label: "ENCRYPTED PRIVATE KEY", der: try info.serialize()).pem
        do {
            _ = try PrivateKey(pem: pem, passphrase: Array("x".utf8))
            Issue.record("expected refusal")
        } catch {
            #expect(error.reason.contains("scrypt"))
        }
    }

    @Test("an openssl PBKDF2/AES-CBC encrypted key is named and refused")
    func opensslEncrypted() throws {
        do {
            _ = try PrivateKey(pem: try FixtureFiles.text("openssl/p256.openssl-encrypted.key"), passphrase: Array("test".utf8))
            Issue.record("expected unsupported")
        } catch let error as ModelError {
            #expect(error.kind == .unsupportedAlgorithm)
            #expect(error.reason.contains("PBKDF2"))
        }
    }

    @Test("loads openssl private keys (PKCS#8, SEC 1, RSA) matching their public keys",
          arguments: [("p256.key", "p256.pub"), ("p256.sec1.pem", "p256.pub"), ("p384.key", "p384.pub"),
                      ("p521.sec1.pem", "p521.pub"), ("ed25519.key", "ed25519.pub"), ("rsa2048.key", "rsa2048.pub")])
    func opensslPrivate(privateFile: String, publicFile: String) throws {
        let key = try PrivateKey(pem: try FixtureFiles.text("openssl/\(privateFile)"))
        let pub = try PublicKey(pem: try FixtureFiles.text("openssl/\(publicFile)"))
        #expect(key.publicKey.keyID == pub.keyID)
        let message = Array("x".utf8)
        #expect(pub.verify(signature: try key.sign(message), message: message) == .valid)
    }

    @Test("unencrypted PEM round-trips")
    func unencrypted() throws {
        let key = try PrivateKey.generate(.ed25519)
        let pem = key.pemUnencryptedUnsafe()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try PrivateKey(pem: pem).publicKey == key.publicKey)
    }

    @Test("a public key passed as a private key is a wrong key type")
    func wrongType() throws {
        do {
            _ = try PrivateKey(pem: try FixtureFiles.text("openssl/p256.pub"))
            Issue.record("expected wrong-key-type")
        } catch let error as ModelError {
            #expect(error.kind == .wrongKeyType)
        }
    }
}

@Suite("Signing and verifying files")
struct FileSignatureTests {
    @Test("streamed file signatures equal in-memory ones and verify both ways",
          arguments: [KeyAlgorithm.ecdsaP256, .ecdsaP384, .ecdsaP521, .ed25519])
    func streamed(algorithm: KeyAlgorithm) throws {
        let path = NSTemporaryDirectory() + "tollgate-file-\(UUID().uuidString)"
        let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let key = try PrivateKey.generate(algorithm)
        let fromFile = try key.sign(fileAt: path)
        #expect(key.publicKey.verify(signature: fromFile, message: bytes) == .valid)
        #expect(try key.publicKey.verify(signature: try key.sign(bytes), fileAt: path) == .valid)
        var mutated = fromFile
        mutated[mutated.count / 2] ^= 1
        #expect(!(try key.publicKey.verify(signature: mutated, fileAt: path)).isValid)
    }

    @Test("openssl's RSA signatures verify over a file, streamed")
    func rsaFile() throws {
        let key = try PublicKey(pem: try FixtureFiles.text("openssl/rsa2048.pub"))
        let path = FixtureFiles.root.appendingPathComponent("openssl/message.txt").path
        for name in ["rsa2048-pkcs1v15.sig", "rsa2048-pss.sig"] {
            let signature = try #require(Base64Text.decode(try FixtureFiles.text("openssl/\(name)")))
            #expect(try key.verify(signature: signature, fileAt: path) == .valid)
        }
        #expect(throws: ModelError.self) { try key.verify(signature: [1], fileAt: path + ".missing") }
    }
}
