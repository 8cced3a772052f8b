import TollgateModel

/// One problem `tollgate audit` found, at `file:line:column` (1-based, columns in Unicode scalars as
/// libyaml counts them), with what to do about it.
public struct AuditFinding: Sendable, Codable, Hashable {
    public let rule: AuditRule
    public let severity: Severity
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    public let fix: String
    /// The workflow job (or GitLab job) the finding is in, when it is in one.
    public let job: String?

    public init(rule: AuditRule, severity: Severity, file: String, line: Int, column: Int, message: String, fix: String,
                job: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.fix = fix
        self.job = job
    }

    /// `file:line:column`.
    public var location: String { "\(file):\(line):\(column)" }
}
