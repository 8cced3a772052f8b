import Crypto
import Foundation
import _CryptoExtras

/// A verification key: ECDSA P-256/P-384/P-521, Ed25519 or RSA.
///
/// Loads from SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) in PEM (`PUBLIC KEY`) or DER, from PKCS#1
/// (`RSA PUBLIC KEY`, RFC 8017 §A.1.1), and from JWK (RFC 7517/7518, RFC 8037 for Ed25519).
/// Loading accepts RSA keys down to 1024 bits so that the *policy* can reject them with a clear
/// message; `verify` always applies an `AlgorithmPolicy`.
public struct PublicKey: Sendable {
    enum Backing: Sendable {
        case p256(P256.Signing.PublicKey)
        case p384(P384.Signing.PublicKey)
        case p521(P521.Signing.PublicKey)
        case ed25519(Curve25519.Signing.PublicKey)
        case rsa(_RSA.Signing.PublicKey)
    }

    let backing: Backing
    /// The algorithm (and for RSA the size) of this key.
    public let algorithm: KeyAlgorithm
    /// The canonical SubjectPublicKeyInfo DER (re-encoded, so two encodings of one key agree).
    public var spkiDER: [UInt8] { encoded.value }
    /// Encoded on first use: an EC key's encoding converts its point to affine coordinates (a
    /// field inversion), which verifying a signature does not need (docs/benchmarks.md, issue #13).
    private let encoded: Lazy<[UInt8]>

    /// The key id: lowercase hex SHA-256 of `spkiDER` (`docs/keys.md`).
    public var keyID: String { DigestAlgorithm.sha256.hash(spkiDER).hex }

    /// SubjectPublicKeyInfo as PEM (`PUBLIC KEY`).
    public var pem: String { PEMBlock(label: "PUBLIC KEY", der: spkiDER).pem }

    init(backing: Backing) {
        self.backing = backing
        switch backing {
        case .p256(let key): algorithm = .ecdsaP256; encoded = Lazy { Array(key.derRepresentation) }
        case .p384(let key): algorithm = .ecdsaP384; encoded = Lazy { Array(key.derRepresentation) }
        case .p521(let key): algorithm = .ecdsaP521; encoded = Lazy { Array(key.derRepresentation) }
        case .ed25519(let key): algorithm = .ed25519; encoded = Lazy { Array(key.derRepresentation) }
        case .rsa(let key): algorithm = .rsa(bits: key.keySizeInBits); encoded = Lazy { Array(key.derRepresentation) }
        }
    }

    /// An ECDSA P-256 key already parsed and checked by swift-crypto (for example a certificate's
    /// key as swift-certificates read it), without decoding its DER a second time.
    public init(_ key: P256.Signing.PublicKey) { self.init(backing: .p256(key)) }

    /// An ECDSA P-384 key already parsed and checked by swift-crypto.
    public init(_ key: P384.Signing.PublicKey) { self.init(backing: .p384(key)) }

    /// Loads a PEM `PUBLIC KEY` (SPKI) or `RSA PUBLIC KEY` (PKCS#1).
    public init(pem: String) throws(ModelError) {
        let block = try PEMBlock(parsing: pem)
        switch block.label {
        case "PUBLIC KEY":
            try self.init(spkiDER: block.der)
        case "RSA PUBLIC KEY":
            try self.init(pkcs1RSA: block.der)
        case "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "OPENSSH PRIVATE KEY":
            throw ModelError(.wrongKeyType, "expected a public key, found a '\(block.label)' PEM block; pass the .pub file")
        case "CERTIFICATE":
            throw ModelError(.wrongKeyType, "expected a public key, found a certificate; extract its key with 'openssl x509 -pubkey -noout'")
        default:
            throw ModelError(.invalidPEM, "expected a 'PUBLIC KEY' PEM block, found '\(block.label.prefix(40))'")
        }
    }

    /// Loads a DER SubjectPublicKeyInfo.
    public init(spkiDER der: [UInt8]) throws(ModelError) {
        let (algorithm, keyBits) = try SPKIParser.parse(der)
        do {
            switch algorithm {
            case .ecPublicKey(let curve):
                switch curve {
                case "1.2.840.10045.3.1.7": self.init(backing: .p256(try P256.Signing.PublicKey(derRepresentation: der)))
                case "1.3.132.0.34": self.init(backing: .p384(try P384.Signing.PublicKey(derRepresentation: der)))
                case "1.3.132.0.35": self.init(backing: .p521(try P521.Signing.PublicKey(derRepresentation: der)))
                default:
                    throw ModelError(.unsupportedAlgorithm,
                                     "EC curve \(SPKIParser.name(of: curve)) is not supported; expected P-256, P-384 or P-521")
                }
            case .ed25519:
                guard keyBits.count == 32 else {
                    throw ModelError(.invalidKey, "an Ed25519 public key has 32 bytes, found \(keyBits.count)")
                }
                self.init(backing: .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: keyBits)))
            case .rsa, .rsaPSS:
                try self.init(pkcs1RSA: keyBits, spki: der)
            case .other(let oid):
                throw ModelError(.unsupportedAlgorithm,
                                 "public key algorithm \(SPKIParser.name(of: oid)) is not supported; expected ECDSA, Ed25519 or RSA")
            }
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError(.invalidKey, "the \(Self.describe(algorithm)) public key is not valid: \(ErrorText.describe(error))")
        }
    }

    /// Loads a PKCS#1 RSAPublicKey.
    init(pkcs1RSA der: [UInt8], spki: [UInt8]? = nil) throws(ModelError) {
        let bits = try SPKIParser.rsaModulusBits(der)
        guard bits >= 1024 else {
            throw ModelError(.weakKey, "RSA key of \(bits) bits is too weak; at least 2048 bits are required")
        }
        guard bits <= 16384 else {
            throw ModelError(.invalidKey, "RSA key of \(bits) bits is larger than the 16384-bit limit")
        }
        do {
            // Below 2048 bits only the unsafe initialiser loads; AlgorithmPolicy then rejects it by name.
            let key = try _RSA.Signing.PublicKey(unsafeDERRepresentation: spki ?? der)
            self.init(backing: .rsa(key))
        } catch {
            throw ModelError(.invalidKey, "the RSA public key is not valid: \(ErrorText.describe(error))")
        }
    }

    /// Loads a JSON Web Key (RFC 7517): `kty` `EC` (P-256/P-384/P-521), `OKP` (Ed25519) or `RSA`.
    public init(jwk: Data) throws(ModelError) {
        let json = try JSONValue.parse(jwk, maxBytes: 64 << 10)
        guard case .object = json else { throw ModelError(.invalidKey, "a JWK is a JSON object") }
        guard let kty = json["kty"]?.stringValue else { throw ModelError(.invalidKey, "JWK has no 'kty'") }
        func field(_ name: String) throws(ModelError) -> [UInt8] {
            guard let text = json[name]?.stringValue else {
                throw ModelError(.invalidKey, "JWK of kty \(kty.prefix(16)) has no '\(name)'")
            }
            guard let bytes = Base64Text.decodeURL(text) else {
                throw ModelError(.invalidKey, "JWK field '\(name)' is not base64url")
            }
            return bytes
        }
        if json["d"] != nil {
            throw ModelError(.wrongKeyType, "the JWK contains a private key ('d'); pass the public key only")
        }
        do {
            switch kty {
            case "EC":
                let crv = json["crv"]?.stringValue ?? "(none)"
                let x = try field("x"), y = try field("y")
                let size: Int
                switch crv {
                case "P-256": size = 32
                case "P-384": size = 48
                case "P-521": size = 66
                default:
                    throw ModelError(.unsupportedAlgorithm, "JWK curve '\(crv.prefix(32))' is not supported; expected P-256, P-384 or P-521")
                }
                guard x.count == size, y.count == size else {
                    throw ModelError(.invalidKey, "JWK \(crv) coordinates must be \(size) bytes, found \(x.count) and \(y.count)")
                }
                let point = [0x04] + x + y
                switch crv {
                case "P-256": self.init(backing: .p256(try P256.Signing.PublicKey(x963Representation: point)))
                case "P-384": self.init(backing: .p384(try P384.Signing.PublicKey(x963Representation: point)))
                default: self.init(backing: .p521(try P521.Signing.PublicKey(x963Representation: point)))
                }
            case "OKP":
                let crv = json["crv"]?.stringValue ?? "(none)"
                guard crv == "Ed25519" else {
                    throw ModelError(.unsupportedAlgorithm, "JWK OKP curve '\(crv.prefix(32))' is not supported; expected Ed25519")
                }
                let x = try field("x")
                guard x.count == 32 else { throw ModelError(.invalidKey, "an Ed25519 JWK 'x' has 32 bytes, found \(x.count)") }
                self.init(backing: .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: x)))
            case "RSA":
                let n = try field("n"), e = try field("e")
                let modulus = n.drop(while: { $0 == 0 })
                let bits = modulus.first.map { modulus.count * 8 - $0.leadingZeroBitCount } ?? 0
                guard bits >= 2048 else {
                    throw ModelError(.weakKey, "RSA key of \(bits) bits is too weak; at least 2048 bits are required")
                }
                guard bits <= 16384 else { throw ModelError(.invalidKey, "RSA key of \(bits) bits is over the 16384-bit limit") }
                self.init(backing: .rsa(try _RSA.Signing.PublicKey(n: n, e: e)))
            default:
                throw ModelError(.unsupportedAlgorithm, "JWK key type '\(kty.prefix(16))' is not supported; expected EC, OKP or RSA")
            }
        } catch let error as ModelError {
            throw error
        } catch {
            throw ModelError(.invalidKey, "the JWK is not a valid \(kty.prefix(16)) key: \(ErrorText.describe(error))")
        }
    }

    private static func describe(_ algorithm: SPKIParser.Algorithm) -> String {
        switch algorithm {
        case .ecPublicKey(let curve): "EC \(SPKIParser.name(of: curve))"
        case .ed25519: "Ed25519"
        case .rsa, .rsaPSS: "RSA"
        case .other(let oid): SPKIParser.name(of: oid)
        }
    }
}

extension PublicKey: Hashable {
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool { lhs.spkiDER == rhs.spkiDER }
    public func hash(into hasher: inout Hasher) { hasher.combine(spkiDER) }
}
