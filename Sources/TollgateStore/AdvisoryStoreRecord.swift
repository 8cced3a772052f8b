/// A stored advisory: what a scan report shows about it, plus its affected packages.
public struct AdvisoryStoreRecord: Sendable, Hashable {
    public let id: String
    public let modified: String?
    public let aliases: [String]
    public let summary: String?
    /// `none`, `low`, `medium`, `high`, `critical` or `unknown`, computed at import.
    public let severity: String
    /// The base score the severity came from, when there was a vector.
    public let score: Double?
    /// The CVSS vector (or other source) the severity came from.
    public let severitySource: String?
    /// A digest of the record's bytes, so an import can skip unchanged records.
    public let contentDigest: String
    public let affected: [AdvisoryStoreAffected]

    public init(id: String, modified: String?, aliases: [String], summary: String?, severity: String,
                score: Double?, severitySource: String?, contentDigest: String, affected: [AdvisoryStoreAffected]) {
        self.id = id
        self.modified = modified
        self.aliases = aliases
        self.summary = summary
        self.severity = severity
        self.score = score
        self.severitySource = severitySource
        self.contentDigest = contentDigest
        self.affected = affected
    }
}
