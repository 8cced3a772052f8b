/// The result of one rule: passed, failed, failed but covered by an active exception, or a warning.
public enum FindingResult: String, Sendable, Hashable, Codable {
    case pass
    case fail
    case excepted
    case warn
}
