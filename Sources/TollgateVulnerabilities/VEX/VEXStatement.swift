import TollgateModel

/// One VEX statement: a vulnerability, the products it is about, a status and its justification.
public struct VEXStatement: Sendable, Hashable {
    public let vulnerability: String
    /// Other ids of the same vulnerability the document lists.
    public let aliases: [String]
    public let products: [VEXProduct]
    public let status: VEXStatus
    /// The justification label (`vulnerable_code_not_in_execute_path`, `code_not_reachable`...).
    public let justification: String?
    /// Free text (OpenVEX `impact_statement`, CycloneDX `analysis.detail`).
    public let detail: String?
    /// Where the statement came from (file name and format), for the report.
    public let source: String

    public init(vulnerability: String, aliases: [String] = [], products: [VEXProduct], status: VEXStatus,
                justification: String?, detail: String?, source: String) {
        self.vulnerability = vulnerability
        self.aliases = aliases
        self.products = products
        self.status = status
        self.justification = justification
        self.detail = detail
        self.source = source
    }

    /// A statement suppresses a finding only when it says `not_affected` and gives a reason: OpenVEX
    /// requires a justification or an impact statement for `not_affected` (§Status justifications), and an
    /// unexplained "not affected" must not silence a gate.
    public var suppresses: Bool {
        status == .notAffected && (justification?.isEmpty == false || detail?.isEmpty == false)
    }
}
