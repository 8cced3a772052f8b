import Foundation
import TollgateModel

/// One VEX statement: a vulnerability, the products it is about, a status, its justification and when it
/// was made.
///
/// OpenVEX v0.2.0 §Data Inheritance: "A valid VEX statement needs to have four key data points": products, a
/// status, a vulnerability and "A timestamp. [...] A statement is useless without a timestamp as it cannot be
/// related to others talking about the same subject." `VEXResolver` uses `timestamp` to pick the latest of
/// several statements about the same vulnerability and product.
public struct VEXStatement: Sendable, Hashable {
    public let vulnerability: String
    /// Other ids of the same vulnerability the document lists.
    public let aliases: [String]
    public let products: [VEXProduct]
    public let status: VEXStatus
    /// The justification label (`vulnerable_code_not_in_execute_path`, `code_not_reachable`...).
    public let justification: String?
    /// Why the product is (not) affected, in free text: OpenVEX `impact_statement`, CycloneDX `analysis.detail`.
    public let detail: String?
    /// Further free text that is not an impact statement: OpenVEX `action_statement` (what to do about an
    /// `affected` product) or `status_notes`.
    public let notes: String?
    /// When the statement was known to be true, after inheritance (see `VEXDocument`); nil when neither the
    /// statement nor its document gives a time.
    public let timestamp: Date?
    /// Who made the statement: the OpenVEX document's `author`, the CycloneDX BOM's `metadata.authors`.
    public let author: String?
    /// Where the statement came from (file name and format), for the report.
    public let source: String

    public init(vulnerability: String, aliases: [String] = [], products: [VEXProduct], status: VEXStatus,
                justification: String?, detail: String?, source: String,
                notes: String? = nil, timestamp: Date? = nil, author: String? = nil) {
        self.vulnerability = vulnerability
        self.aliases = aliases
        self.products = products
        self.status = status
        self.justification = justification
        self.detail = detail
        self.notes = notes
        self.timestamp = timestamp
        self.author = author
        self.source = source
    }

    /// Whether this statement, when it is the latest about a finding, suppresses it.
    ///
    /// `fixed` suppresses: "These product versions contain a fix for the vulnerability" (OpenVEX §Status
    /// Labels). `not_affected` suppresses only with a reason, because OpenVEX says "For statements conveying a
    /// `not_affected` status, a VEX statement MUST include either a status justification or an
    /// impact_statement informing why the product is not affected by the vulnerability", and an unexplained
    /// "not affected" must not silence a gate. `affected` and `under_investigation` never suppress.
    public var suppresses: Bool {
        switch status {
        case .fixed: true
        case .notAffected: justification?.isEmpty == false || detail?.isEmpty == false
        case .affected, .underInvestigation: false
        }
    }
}
