/// A qualitative severity, ordered, with the CVSS rating scale
/// (https://www.first.org/cvss/v3.1/specification-document#Qualitative-Severity-Rating-Scale).
/// The one severity type: advisories and scans carry it, and policies (`maxSeverity`,
/// `remediationDays`, `unknownSeverity`) name the rated levels, `none` to `critical`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// No vector and no rating in the record: shown as unknown, never as "none".
    case unknown
    case none
    case low
    case medium
    case high
    case critical

    /// The rating for a CVSS base score: 0 none, 0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10 critical.
    public init(score: Double) {
        switch score {
        case ..<0.05: self = .none
        case ..<4.0: self = .low
        case ..<7.0: self = .medium
        case ..<9.0: self = .high
        default: self = .critical
        }
    }

    /// A database's own label (`MODERATE` from GHSA, `important` from some distros), if recognised.
    public init?(label: String) {
        switch label.lowercased() {
        case "none": self = .none
        case "low", "negligible", "minor": self = .low
        case "medium", "moderate": self = .medium
        case "high", "important": self = .high
        case "critical": self = .critical
        default: return nil
        }
    }

    /// The position in the declared order (a switch: `allCases` would build an array per comparison).
    private var rank: Int {
        switch self {
        case .unknown: 0
        case .none: 1
        case .low: 2
        case .medium: 3
        case .high: 4
        case .critical: 5
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// The levels a rating can have (every case but `unknown`), in order: what a policy may name.
    public static let rated: [Severity] = [.none, .low, .medium, .high, .critical]
}
