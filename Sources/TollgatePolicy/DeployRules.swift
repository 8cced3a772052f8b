/// Rules on how the artifact is referenced when deployed.
public struct DeployRules: Sendable, Hashable {
    /// `true`: the deployment must reference the artifact by digest (`name@sha256:…`), not by tag.
    public var byDigest: Bool?
    public var action: RuleAction

    public init(byDigest: Bool? = nil, action: RuleAction = .deny) {
        self.byDigest = byDigest
        self.action = action
    }
}
