/// The public-key algorithms Tollgate can load. Whether one may be *used* is decided by
/// `AlgorithmPolicy` at verification time.
public enum KeyAlgorithm: Sendable, Hashable, CustomStringConvertible {
    /// ECDSA over NIST P-256, signing with SHA-256.
    case ecdsaP256
    /// ECDSA over NIST P-384, signing with SHA-384.
    case ecdsaP384
    /// ECDSA over NIST P-521, signing with SHA-512.
    case ecdsaP521
    /// Pure Ed25519 (RFC 8032).
    case ed25519
    /// RSA with the modulus size in bits.
    case rsa(bits: Int)

    /// Stable names as used by `tollgate key generate --algorithm` and in reports.
    public var name: String {
        switch self {
        case .ecdsaP256: "ecdsa-p256"
        case .ecdsaP384: "ecdsa-p384"
        case .ecdsaP521: "ecdsa-p521"
        case .ed25519: "ed25519"
        case .rsa(let bits): "rsa-\(bits)"
        }
    }

    public var description: String { name }

    /// The hash ECDSA signs with for this curve, matching cosign (P-256 → SHA-256, P-384 → SHA-384,
    /// P-521 → SHA-512). RSA uses SHA-256 by default; Ed25519 hashes internally (`nil`).
    public var messageHash: DigestAlgorithm? {
        switch self {
        case .ecdsaP256: .sha256
        case .ecdsaP384: .sha384
        case .ecdsaP521: .sha512
        case .ed25519: nil
        case .rsa: .sha256
        }
    }

    /// Parses a name accepted by `key generate` (`ecdsa-p256`, `ecdsa-p384`, `ecdsa-p521`, `ed25519`).
    public init?(generatableName name: String) {
        switch name.lowercased() {
        case "ecdsa-p256", "p256", "p-256": self = .ecdsaP256
        case "ecdsa-p384", "p384", "p-384": self = .ecdsaP384
        case "ecdsa-p521", "p521", "p-521": self = .ecdsaP521
        case "ed25519": self = .ed25519
        default: return nil
        }
    }
}
