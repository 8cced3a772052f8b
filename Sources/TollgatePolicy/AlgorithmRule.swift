/// `artifact.algorithms`: minimum cryptographic strength of the evidence.
public struct AlgorithmRule: Sendable, Hashable {
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
