import TollgateModel
import TollgateStore

/// What a scan needs of one stored advisory, computed once per database revision and shared by every
/// finding that names it: its rank as a primary id, its alias keys for grouping, and the report fields.
final class PreparedAdvisory: Sendable {
    let id: String
    /// Native database ids first (PYSEC, GO, RUSTSEC...), then GHSA, then CVE (see `primaryRank`).
    let rank: Int
    /// Interned ids of the advisory and its aliases, sorted and unique: two advisories of one component
    /// are one vulnerability when these intersect.
    let aliasKeys: [Int32]
    /// The aliases without the advisory's own id, sorted and unique (a one-advisory finding's `aliases`).
    let otherNames: [String]
    /// `[id]`, shared by every one-advisory finding instead of being built per finding.
    let singleton: [String]
    let severity: Severity
    let score: Double?
    let severitySource: String?
    let summary: String?

    /// `record` is nil when the database has an `affected` row but no record for `id`; such an
    /// advisory is still reported, with unknown severity.
    init(id: String, record: AdvisoryStoreRecord?, intern: (String) -> Int32) {
        self.id = id
        rank = Self.primaryRank(id)
        let aliases = record?.aliases ?? []
        aliasKeys = Array(Set(([id] + aliases).map(intern))).sorted()
        otherNames = Array(Set(aliases).subtracting([id])).sorted()
        singleton = [id]
        severity = record.flatMap { Severity(rawValue: $0.severity) } ?? .unknown
        score = record?.score
        severitySource = record?.severitySource
        summary = record?.summary
    }

    /// Native database ids first (PYSEC, GO, RUSTSEC...), then GHSA, then CVE; ties by id.
    static func primaryRank(_ id: String) -> Int {
        if id.hasPrefix("CVE-") { return 2 }
        if id.hasPrefix("GHSA-") { return 1 }
        return 0
    }

    /// Primary-id order: rank, then id.
    static func precedes(_ a: PreparedAdvisory, _ b: PreparedAdvisory) -> Bool {
        a.rank != b.rank ? a.rank < b.rank : a.id < b.id
    }
}
