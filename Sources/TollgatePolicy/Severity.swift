/// Vulnerability severity levels, ordered, as CVSS v3/v4 qualitative ratings name them
/// (<https://www.first.org/cvss/v3.1/specification-document#Qualitative-Severity-Rating-Scale>).
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case none
    case low
    case medium
    case high
    case critical

    private var rank: Int {
        switch self {
        case .none: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// Parses a level name case-insensitively; `moderate` (GitHub advisories) is `medium`.
    public init?(name: String) {
        switch name.lowercased() {
        case "none": self = .none
        case "low": self = .low
        case "medium", "moderate": self = .medium
        case "high": self = .high
        case "critical": self = .critical
        default: return nil
        }
    }
}
