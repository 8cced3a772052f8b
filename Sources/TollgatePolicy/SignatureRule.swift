/// `artifact.signature`: the artifact must carry verified signatures from trusted keys or
/// keyless identities. Its signers are also the default signers of every other kind of evidence.
public struct SignatureRule: Sendable, Hashable {
    public var required: Bool
    public var signers: TrustedSigners
    public var action: RuleAction
    /// For a multi-platform image: whether the index or the platform manifests must be signed.
    public var imageIndex: ImageSignatureScope

    public init(required: Bool = true, signers: TrustedSigners = TrustedSigners(), action: RuleAction = .deny,
                imageIndex: ImageSignatureScope = .either) {
        self.required = required
        self.signers = signers
        self.action = action
        self.imageIndex = imageIndex
    }
}
