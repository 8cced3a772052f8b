import TollgateModel

/// A public key as TUF metadata lists it (spec §4.2 "KEY"): `keytype`, `scheme` and `keyval.public`.
///
/// Keys load lazily: a key of a type this client does not support is kept (the metadata stays
/// valid and its canonical bytes unchanged) but never verifies a signature, so it cannot count
/// toward a threshold. Supported: `ed25519`/`ed25519` (64 hex digits), `ecdsa` and
/// `ecdsa-sha2-nistp256`/`ecdsa-sha2-nistp256` and `…-nistp384` (PEM, or hex of the uncompressed
/// point as Sigstore's roots v1–v4 write it), `rsa`/`rsassa-pss-sha256` and `rsa`/`rsa-pkcs1v15-sha256`
/// (PEM; securesystemslib's RSA schemes).
public struct TUFKey: Sendable, Hashable {
    public let keyType: String
    public let scheme: String
    public let publicValue: String

    public init(keyType: String, scheme: String, publicValue: String) {
        self.keyType = keyType
        self.scheme = scheme
        self.publicValue = publicValue
    }

    init(_ fields: TUFFields) throws(TUFError) {
        keyType = try fields.string("keytype")
        scheme = try fields.string("scheme")
        publicValue = try fields.fields("keyval").string("public")
    }

    // DER prefixes of SubjectPublicKeyInfo for a raw key (RFC 8410 §4, RFC 5480 §2).
    private static let ed25519SPKIPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]
    private static let p256SPKIPrefix: [UInt8] = [0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02,
                                                  0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03,
                                                  0x42, 0x00]

    /// The key as a verification key with the algorithm its scheme requires, or why it cannot be one.
    public func publicKey() -> Result<PublicKey, TUFError> {
        let expected: KeyAlgorithm
        switch (keyType, scheme) {
        case ("ed25519", "ed25519"): expected = .ed25519
        case ("ecdsa", "ecdsa-sha2-nistp256"), ("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256"): expected = .ecdsaP256
        case ("ecdsa", "ecdsa-sha2-nistp384"), ("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384"): expected = .ecdsaP384
        case ("rsa", "rsassa-pss-sha256"), ("rsa", "rsa-pkcs1v15-sha256"): expected = .rsa(bits: 0)
        default:
            return .failure(TUFError(.malformed, "key type '\(keyType.prefix(40))' with scheme '\(scheme.prefix(40))' is not supported"))
        }
        let key: PublicKey
        do {
            if publicValue.hasPrefix("-----BEGIN") {
                key = try PublicKey(pem: publicValue)
            } else if let raw = Hex.decode(publicValue) {
                switch expected {
                case .ed25519 where raw.count == 32: key = try PublicKey(spkiDER: Self.ed25519SPKIPrefix + raw)
                case .ecdsaP256 where raw.count == 65 && raw.first == 0x04: key = try PublicKey(spkiDER: Self.p256SPKIPrefix + raw)
                default:
                    return .failure(TUFError(.malformed, "a hex \(scheme) public key of \(raw.count) bytes is not supported"))
                }
            } else {
                return .failure(TUFError(.malformed, "the \(scheme) public key is neither PEM nor hex"))
            }
        } catch {
            return .failure(TUFError(.malformed, "the \(scheme) public key does not load: \(error.reason)"))
        }
        let matches = switch (expected, key.algorithm) {
        case (.rsa, .rsa): true
        default: expected == key.algorithm
        }
        guard matches else {
            return .failure(TUFError(.malformed, "scheme \(scheme) names \(expected.name) but the key is \(key.algorithm.name)"))
        }
        return .success(key)
    }

    /// Whether `signatureHex` is this key's valid signature over `message` under the key's scheme.
    public func verify(signatureHex: String, message: [UInt8]) -> SignatureVerdict {
        let key: PublicKey
        switch publicKey() {
        case .success(let loaded): key = loaded
        case .failure(let error): return .invalid(reason: error.reason)
        }
        guard !signatureHex.isEmpty, let signature = Hex.decode(signatureHex) else {
            return .invalid(reason: "the signature is not hex")
        }
        // Each RSA scheme verifies with its own padding only (securesystemslib's two RSA schemes).
        let policy: AlgorithmPolicy = switch scheme {
        case "rsassa-pss-sha256": AlgorithmPolicy(rsaPaddings: [.pss])
        case "rsa-pkcs1v15-sha256": AlgorithmPolicy(rsaPaddings: [.pkcs1v15])
        default: .default
        }
        return key.verify(signature: signature, message: message, policy: policy)
    }
}
