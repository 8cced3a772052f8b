import Foundation

/// What VEX says about one finding: the latest matching statement (see `VEXResolver`), whether or not it
/// suppresses the finding, so a report can show "affected per VEX X" as well as "not affected per VEX X".
public struct VEXVerdict: Sendable, Codable, Hashable {
    /// The vulnerability as the winning statement names it (the finding's id or one of its aliases).
    public let vulnerability: String
    public let status: VEXStatus
    public let justification: String?
    /// The impact statement (OpenVEX `impact_statement`, CycloneDX `analysis.detail`).
    public let detail: String?
    /// OpenVEX `action_statement` or `status_notes`.
    public let notes: String?
    /// When the winning statement was made (after inheritance); nil when its document gives no time.
    public let timestamp: Date?
    public let author: String?
    /// The winning statement's document and format.
    public let source: String
    /// True when the winning statement suppresses the finding (`fixed`, or `not_affected` with a reason).
    public let suppresses: Bool
    /// How many statements matched the finding; the latest of them won.
    public let matchedStatements: Int

    public init(statement: VEXStatement, matchedStatements: Int) {
        vulnerability = statement.vulnerability
        status = statement.status
        justification = statement.justification
        detail = statement.detail
        notes = statement.notes
        timestamp = statement.timestamp
        author = statement.author
        source = statement.source
        suppresses = statement.suppresses
        self.matchedStatements = matchedStatements
    }
}
