/// `source.continuity`: which provenance facts must stay the same across a package's versions.
public struct ContinuityRule: Sendable, Hashable {
    public var repository: Bool
    public var builder: Bool
    public var action: RuleAction

    public init(repository: Bool = true, builder: Bool = true, action: RuleAction = .deny) {
        self.repository = repository
        self.builder = builder
        self.action = action
    }
}
