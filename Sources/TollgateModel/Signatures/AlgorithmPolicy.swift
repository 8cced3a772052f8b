/// Which keys and hashes verification accepts. Every `PublicKey.verify` applies one; the default
/// rejects RSA below 2048 bits, SHA-1 (and MD5), and anything Tollgate does not know.
///
/// Unknown curves and algorithms cannot even be loaded (`PublicKey` throws
/// `model.unsupported-algorithm` naming the OID or curve); this policy narrows what *loaded* keys
/// may do.
public struct AlgorithmPolicy: Sendable, Hashable {
    /// Smallest RSA modulus accepted, in bits.
    public var minimumRSABits: Int
    /// Key algorithms accepted, by family name: `ecdsa-p256`, `ecdsa-p384`, `ecdsa-p521`, `ed25519`, `rsa`.
    public var allowedKeyFamilies: Set<String>
    /// Hashes accepted for prehashed verification and for digests named in documents.
    public var allowedDigests: Set<DigestAlgorithm>
    /// RSA paddings accepted.
    public var rsaPaddings: Set<RSAPadding>

    public init(minimumRSABits: Int = 2048,
                allowedKeyFamilies: Set<String> = ["ecdsa-p256", "ecdsa-p384", "ecdsa-p521", "ed25519", "rsa"],
                allowedDigests: Set<DigestAlgorithm> = Set(DigestAlgorithm.allCases),
                rsaPaddings: Set<RSAPadding> = [.pkcs1v15, .pss]) {
        self.minimumRSABits = minimumRSABits
        self.allowedKeyFamilies = allowedKeyFamilies
        self.allowedDigests = allowedDigests
        self.rsaPaddings = rsaPaddings
    }

    /// RSA ≥ 2048 bits, ECDSA P-256/P-384/P-521, Ed25519, SHA-256/384/512.
    public static let `default` = AlgorithmPolicy()

    /// `valid` if `algorithm` may be used, otherwise the reason naming what was found.
    public func check(_ algorithm: KeyAlgorithm) -> SignatureVerdict {
        switch algorithm {
        case .rsa(let bits):
            guard allowedKeyFamilies.contains("rsa") else {
                return .invalid(reason: "RSA keys are not allowed by the algorithm policy (found \(algorithm.name))")
            }
            guard bits >= minimumRSABits else {
                return .invalid(reason: "RSA key of \(bits) bits is too weak; at least \(minimumRSABits) bits are required")
            }
            return .valid
        default:
            guard allowedKeyFamilies.contains(algorithm.name) else {
                return .invalid(reason: "key algorithm \(algorithm.name) is not allowed by the algorithm policy")
            }
            return .valid
        }
    }

    /// `valid` if the digest algorithm may be used.
    public func check(_ digest: DigestAlgorithm) -> SignatureVerdict {
        allowedDigests.contains(digest)
            ? .valid
            : .invalid(reason: "digest algorithm \(digest.rawValue) is not allowed by the algorithm policy")
    }

    /// Checks a hash *name* as written in a document (`sha1`, `SHA2_256`, `md5`, ...). SHA-1, MD5
    /// and names Tollgate does not know are rejected by name.
    public func check(hashName name: String) -> SignatureVerdict {
        let lowered = name.lowercased()
        if ["sha1", "sha-1", "sha_1", "md5", "md-5"].contains(lowered) {
            return .invalid(reason: "hash algorithm \(name.prefix(32)) is broken and never accepted")
        }
        guard let algorithm = DigestAlgorithm(name: name) else {
            return .invalid(reason: "unknown hash algorithm '\(name.prefix(32))'; expected sha256, sha384 or sha512")
        }
        return check(algorithm)
    }
}
