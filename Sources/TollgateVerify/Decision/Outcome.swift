/// The gate's answer: `allow`, `deny`, or `warn` (allowed, with failing `warn` rules).
public enum Outcome: String, Sendable, Hashable, Codable {
    case allow
    case deny
    case warn
}
