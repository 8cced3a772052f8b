/// `artifact.signature`: the artifact must carry verified signatures from trusted keys or
/// keyless identities.
public struct SignatureRule: Sendable, Hashable {
    public var required: Bool
    /// Trusted key ids (as `tollgate` prints them for a public key).
    public var keys: [String]
    /// Trusted keyless identities.
    public var identities: [IdentityRequirement]
    /// How many distinct trusted signers are needed (default 1).
    public var threshold: Int
    public var action: RuleAction

    public init(required: Bool = true, keys: [String] = [], identities: [IdentityRequirement] = [],
                threshold: Int = 1, action: RuleAction = .deny) {
        self.required = required
        self.keys = keys
        self.identities = identities
        self.threshold = threshold
        self.action = action
    }
}
