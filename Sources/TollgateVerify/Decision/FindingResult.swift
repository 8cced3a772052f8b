/// The result of one rule: passed, failed, failed but covered by an active exception, a warning,
/// or skipped: the rule checked nothing because the policy does not require it (never `pass`).
public enum FindingResult: String, Sendable, Hashable, Codable {
    case pass
    case fail
    case excepted
    case warn
    case skipped
}
