import TollgateModel
/// The severity of an advisory and where it came from.
///
/// Resolution order: a CVSS v4 vector, then a CVSS v3.x vector (record level, then per package, then
/// RustSec's `database_specific.cvss`), then the database's own label (GHSA `database_specific.severity`).
/// A record with none of these is `unknown`, never `none`.
public struct AdvisorySeverity: Sendable, Hashable {
    public let severity: Severity
    public let score: Double?
    /// The vector or label the severity was computed from.
    public let source: String?

    public init(severity: Severity, score: Double?, source: String?) {
        self.severity = severity
        self.score = score
        self.source = source
    }

    /// Resolves the severity of `record`. Malformed vectors are skipped, not fatal.
    public static func resolve(_ record: OSVRecord) -> AdvisorySeverity {
        let all = record.severity + record.affected.flatMap(\.severity)
        for entry in all where entry.type == "CVSS_V4" {
            if let v4 = try? CVSSv4(vector: entry.score) {
                return AdvisorySeverity(severity: Severity(score: v4.baseScore), score: v4.baseScore, source: entry.score)
            }
        }
        let v3Vectors = all.filter { $0.type == "CVSS_V3" }.map(\.score) + record.affected.compactMap(\.databaseSpecificCVSS)
        for vector in v3Vectors {
            if let v3 = try? CVSSv3(vector: vector) {
                return AdvisorySeverity(severity: Severity(score: v3.baseScore), score: v3.baseScore, source: vector)
            }
        }
        if let label = record.databaseSeverity, let severity = Severity(label: label) {
            return AdvisorySeverity(severity: severity, score: nil, source: label)
        }
        return AdvisorySeverity(severity: .unknown, score: nil, source: nil)
    }
}
