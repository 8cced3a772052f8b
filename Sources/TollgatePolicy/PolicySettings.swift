/// Policy-wide settings.
public struct PolicySettings: Sendable, Hashable {
    /// What a rule that cannot run (its evidence is missing or unreadable) does: `deny` (default) or `warn`.
    public var onUnavailable: RuleAction
    /// The longest an exception may last, from `granted` to `expires`.
    public var maxExceptionDuration: PolicyDuration?
    /// How a signature by a registered key is judged when no trusted timestamp gives its signing time.
    public var unknownSigningTime: UnknownSigningTime
    /// Keys older than this are flagged by `tollgate key review` as due for rotation.
    public var maxKeyAge: PolicyDuration?

    public init(onUnavailable: RuleAction = .deny, maxExceptionDuration: PolicyDuration? = nil,
                unknownSigningTime: UnknownSigningTime = .decisionTime, maxKeyAge: PolicyDuration? = nil) {
        self.onUnavailable = onUnavailable
        self.maxExceptionDuration = maxExceptionDuration
        self.unknownSigningTime = unknownSigningTime
        self.maxKeyAge = maxKeyAge
    }
}
