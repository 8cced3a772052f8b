/// `remediation:`: how the server's remediation queue assigns the work this policy's findings make
/// (docs/dashboard.md#remediation). It enables no rule.
public struct RemediationSettings: Sendable, Hashable {
    /// The owner of an item no exception covers and no trusted source audit's CODEOWNERS names
    /// (`@user`, `@org/team` or an email address).
    public var defaultOwner: String?

    public init(defaultOwner: String? = nil) {
        self.defaultOwner = defaultOwner
    }
}
