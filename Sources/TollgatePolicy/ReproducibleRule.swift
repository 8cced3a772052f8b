/// `artifact.reproducible`: at least `threshold` rebuild attestations that match the release, each
/// from a distinct trusted rebuilder. A mismatching rebuild from a trusted rebuilder denies even
/// when others match; rebuilders the policy does not name never count. The rebuilders never default
/// to the `artifact.signature` signers: a rebuild vouches for a release only when someone other
/// than its builder made it.
public struct ReproducibleRule: Sendable, Hashable {
    public var rebuilders: TrustedSigners
    /// How many distinct trusted rebuilders must have matched (default 1).
    public var threshold: Int
    public var action: RuleAction

    public init(rebuilders: TrustedSigners, threshold: Int = 1, action: RuleAction = .deny) {
        self.rebuilders = rebuilders
        self.threshold = threshold
        self.action = action
    }
}
