/// `artifact.algorithms`: minimum cryptographic strength of the evidence.
///
/// A key the policy leaves out takes the built-in accepted set, so `algorithms: {}` checks
/// ECDSA P-256/P-384/P-521, Ed25519 or RSA of at least 2048 bits, over SHA-256/384/512 digests.
public struct AlgorithmRule: Sendable, Hashable {
    /// The built-in accepted signature algorithms.
    public static let acceptedSignatures = ["ecdsa-p256", "ecdsa-p384", "ecdsa-p521", "ed25519", "rsa"]
    /// The built-in smallest RSA modulus.
    public static let acceptedMinimumRSABits = 2048
    /// The built-in accepted artifact digest algorithms.
    public static let acceptedDigests = ["sha256", "sha384", "sha512"]

    /// Accepted signature algorithms (e.g. `ecdsa-p256`, `ecdsa-p384`, `ed25519`, `rsa`); empty: any.
    public var signatures: [String]
    /// Minimum RSA modulus size in bits.
    public var minimumRSABits: Int?
    /// Accepted artifact digest algorithms (`sha256`, `sha384`, `sha512`); empty: any Tollgate accepts.
    public var digests: [String]
    public var action: RuleAction

    public init(signatures: [String] = [], minimumRSABits: Int? = nil, digests: [String] = [],
                action: RuleAction = .deny) {
        self.signatures = signatures
        self.minimumRSABits = minimumRSABits
        self.digests = digests
        self.action = action
    }
}
