/// What a failing rule does to the decision: `deny` (the default) or `warn`.
public enum RuleAction: String, Sendable, Hashable, Codable, CaseIterable {
    case deny
    case warn
}
