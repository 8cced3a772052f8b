/// Policy-wide settings.
public struct PolicySettings: Sendable, Hashable {
    /// What a rule that cannot run (its evidence is missing or unreadable) does: `deny` (default) or `warn`.
    public var onUnavailable: RuleAction
    /// The longest an exception may last, from `granted` to `expires`.
    public var maxExceptionDuration: PolicyDuration?

    public init(onUnavailable: RuleAction = .deny, maxExceptionDuration: PolicyDuration? = nil) {
        self.onUnavailable = onUnavailable
        self.maxExceptionDuration = maxExceptionDuration
    }
}
