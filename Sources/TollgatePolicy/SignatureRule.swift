/// `artifact.signature`: the artifact must carry verified signatures from trusted keys or
/// keyless identities. Its signers are also the default signers of every other kind of evidence.
public struct SignatureRule: Sendable, Hashable {
    public var required: Bool
    public var signers: TrustedSigners
    public var action: RuleAction

    public init(required: Bool = true, signers: TrustedSigners = TrustedSigners(), action: RuleAction = .deny) {
        self.required = required
        self.signers = signers
        self.action = action
    }
}
