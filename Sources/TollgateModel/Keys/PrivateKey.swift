import Crypto
import Foundation
import SwiftASN1
import _CryptoExtras

/// A signing key: ECDSA P-256/P-384/P-521, Ed25519, or (loaded, not generated) RSA.
///
/// Stored as PKCS#8 (RFC 5958) PEM: `ENCRYPTED PRIVATE KEY` (scrypt + AES-256-GCM, see
/// `docs/keys.md`) by default, or `PRIVATE KEY` only when the caller opts into
/// `pemUnencryptedUnsafe()`.
public struct PrivateKey: Sendable {
    enum Backing: Sendable {
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
        case p521(P521.Signing.PrivateKey)
        case ed25519(Curve25519.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    let backing: Backing

    init(backing: Backing) { self.backing = backing }

    /// Generates a fresh key with the system's secure random source.
    public static func generate(_ algorithm: KeyAlgorithm) throws(ModelError) -> PrivateKey {
        switch algorithm {
        case .ecdsaP256: return PrivateKey(backing: .p256(P256.Signing.PrivateKey()))
        case .ecdsaP384: return PrivateKey(backing: .p384(P384.Signing.PrivateKey()))
        case .ecdsaP521: return PrivateKey(backing: .p521(P521.Signing.PrivateKey()))
        case .ed25519: return PrivateKey(backing: .ed25519(Curve25519.Signing.PrivateKey()))
        case .rsa(let bits):
            guard bits >= 2048, bits <= 8192 else {
                throw ModelError(.weakKey, "RSA keys are generated with 2048 to 8192 bits, requested \(bits)")
            }
            do {
                return PrivateKey(backing: .rsa(try _RSA.Signing.PrivateKey(keySize: .init(bitCount: bits))))
            } catch {
                throw ModelError(.invalidKey, "RSA key generation failed: \(ErrorText.describe(error))")
            }
        }
    }

    /// The matching public key.
    public var publicKey: PublicKey {
        switch backing {
        case .p256(let key): PublicKey(backing: .p256(key.publicKey))
        case .p384(let key): PublicKey(backing: .p384(key.publicKey))
        case .p521(let key): PublicKey(backing: .p521(key.publicKey))
        case .ed25519(let key): PublicKey(backing: .ed25519(key.publicKey))
        case .rsa(let key): PublicKey(backing: .rsa(key.publicKey))
        }
    }

    public var algorithm: KeyAlgorithm { publicKey.algorithm }

    /// Signs `message`: DER ECDSA over the curve's hash (like `cosign sign-blob`), raw 64-byte
    /// Ed25519, or RSA PKCS#1 v1.5 with SHA-256.
    public func sign(_ message: some DataProtocol) throws(ModelError) -> [UInt8] {
        do {
            switch backing {
            case .p256(let key): return Array(try key.signature(for: message).derRepresentation)
            case .p384(let key): return Array(try key.signature(for: message).derRepresentation)
            case .p521(let key): return Array(try key.signature(for: message).derRepresentation)
            case .ed25519(let key): return Array(try key.signature(for: message))
            case .rsa(let key): return Array(try key.signature(for: message, padding: .insecurePKCS1v1_5).rawRepresentation)
            }
        } catch {
            throw ModelError(.invalidKey, "signing failed: \(ErrorText.describe(error))")
        }
    }

    // MARK: PKCS#8

    /// The unencrypted PKCS#8 `PrivateKeyInfo` DER.
    var pkcs8DER: [UInt8] {
        switch backing {
        case .p256(let key): Array(key.derRepresentation)
        case .p384(let key): Array(key.derRepresentation)
        case .p521(let key): Array(key.derRepresentation)
        case .ed25519(let key): Array(key.derRepresentation)
        case .rsa(let key): Array(key.pkcs8DERRepresentation)
        }
    }

    /// Unencrypted `PRIVATE KEY` PEM. Named `Unsafe`: the key lies in the clear on disk.
    public func pemUnencryptedUnsafe() -> String {
        PEMBlock(label: "PRIVATE KEY", der: pkcs8DER).pem
    }

    /// `ENCRYPTED PRIVATE KEY` PEM with a fresh random salt and nonce.
    public func encryptedPEM(passphrase: [UInt8], parameters: ScryptParameters = .default) throws(ModelError) -> String {
        var rng = SystemRandomNumberGenerator()
        return try encryptedPEM(passphrase: passphrase, parameters: parameters, using: &rng)
    }

    /// `ENCRYPTED PRIVATE KEY` PEM with salt and nonce drawn from `rng` (injected for tests).
    public func encryptedPEM(passphrase: [UInt8], parameters: ScryptParameters = .default,
                             using rng: inout some RandomNumberGenerator) throws(ModelError) -> String {
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        let nonce = (0..<12).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        let info = try EncryptedPrivateKeyInfo.seal(privateKeyInfo: pkcs8DER, passphrase: passphrase,
                                                    parameters: parameters, salt: salt, nonce: nonce)
        return PEMBlock(label: "ENCRYPTED PRIVATE KEY", der: try info.serialize()).pem
    }

    /// Loads `PRIVATE KEY` (PKCS#8), `ENCRYPTED PRIVATE KEY` (needs `passphrase`), `EC PRIVATE KEY`
    /// (SEC 1) or `RSA PRIVATE KEY` (PKCS#1).
    public init(pem: String, passphrase: [UInt8]? = nil) throws(ModelError) {
        let block = try PEMBlock(parsing: pem)
        switch block.label {
        case "ENCRYPTED PRIVATE KEY":
            guard let passphrase else {
                throw ModelError(.encryptedKey, "the private key is encrypted; a passphrase is required")
            }
            let info = try EncryptedPrivateKeyInfo(der: block.der)
            try self.init(pkcs8DER: try info.open(passphrase: passphrase))
        case "PRIVATE KEY":
            try self.init(pkcs8DER: block.der)
        case "EC PRIVATE KEY":
            try self.init(sec1DER: block.der)
        case "RSA PRIVATE KEY":
            do {
                self.init(backing: .rsa(try _RSA.Signing.PrivateKey(derRepresentation: block.der)))
            } catch {
                throw ModelError(.invalidKey, "the RSA private key is not valid or under 2048 bits: \(ErrorText.describe(error))")
            }
        case "PUBLIC KEY", "RSA PUBLIC KEY":
            throw ModelError(.wrongKeyType, "expected a private key, found a '\(block.label)' PEM block; pass the .key file")
        case "ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY":
            throw ModelError(.unsupportedAlgorithm, "cosign's encrypted key format is not supported; export the key as PKCS#8")
        default:
            throw ModelError(.invalidPEM, "expected a 'PRIVATE KEY' PEM block, found '\(block.label.prefix(40))'")
        }
    }

    /// Loads a PKCS#8 `PrivateKeyInfo`, choosing the key type from its AlgorithmIdentifier.
    init(pkcs8DER der: [UInt8]) throws(ModelError) {
        guard der.count <= 16 << 10 else { throw ModelError(.tooLarge, "private key is \(der.count) bytes, over the 16 KiB limit") }
        let algorithm: SPKIParser.Algorithm
        do {
            let root = try DER.parse(der)
            algorithm = try DER.sequence(root, identifier: .sequence) { nodes in
                _ = try Int(derEncoded: &nodes)
                guard let algorithmNode = nodes.next() else { throw ModelError(.invalidKey, "PrivateKeyInfo has no AlgorithmIdentifier") }
                let parsed: SPKIParser.Algorithm = try DER.sequence(algorithmNode, identifier: .sequence) { inner in
                    let oid = try ASN1ObjectIdentifier(derEncoded: &inner)
                    let parameters = inner.next()
                    switch oid {
                    case SPKIParser.ecPublicKey:
                        guard let parameters else { throw ModelError(.invalidKey, "EC private key has no named curve") }
                        return .ecPublicKey(curve: try ASN1ObjectIdentifier(derEncoded: parameters).description)
                    case SPKIParser.ed25519: return .ed25519
                    case SPKIParser.rsaEncryption: return .rsa
                    case SPKIParser.rsaPSS: return .rsaPSS
                    default: return .other(oid.description)
                    }
                }
                while nodes.next() != nil {}
                return parsed
            }
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError(.invalidKey, "not a DER PKCS#8 PrivateKeyInfo: \(ErrorText.describe(error))")
        }
        do {
            switch algorithm {
            case .ecPublicKey(let curve):
                switch curve {
                case "1.2.840.10045.3.1.7": self.init(backing: .p256(try P256.Signing.PrivateKey(derRepresentation: der)))
                case "1.3.132.0.34": self.init(backing: .p384(try P384.Signing.PrivateKey(derRepresentation: der)))
                case "1.3.132.0.35": self.init(backing: .p521(try P521.Signing.PrivateKey(derRepresentation: der)))
                default:
                    throw ModelError(.unsupportedAlgorithm, "EC curve \(SPKIParser.name(of: curve)) is not supported; expected P-256, P-384 or P-521")
                }
            case .ed25519:
                self.init(backing: .ed25519(try Curve25519.Signing.PrivateKey(derRepresentation: der)))
            case .rsa, .rsaPSS:
                self.init(backing: .rsa(try _RSA.Signing.PrivateKey(derRepresentation: der)))
            case .other(let oid):
                throw ModelError(.unsupportedAlgorithm, "private key algorithm \(SPKIParser.name(of: oid)) is not supported")
            }
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError(.invalidKey, "the private key is not valid: \(ErrorText.describe(error))")
        }
    }

    /// Loads a SEC 1 `ECPrivateKey` (`EC PRIVATE KEY`, RFC 5915), as `openssl ecparam -genkey` writes.
    init(sec1DER der: [UInt8]) throws(ModelError) {
        if let key = try? P256.Signing.PrivateKey(derRepresentation: der) {
            self.init(backing: .p256(key))
        } else if let key = try? P384.Signing.PrivateKey(derRepresentation: der) {
            self.init(backing: .p384(key))
        } else if let key = try? P521.Signing.PrivateKey(derRepresentation: der) {
            self.init(backing: .p521(key))
        } else {
            throw ModelError(.invalidKey, "not a P-256, P-384 or P-521 SEC 1 EC private key")
        }
    }
}
