import TollgateModel

/// What `tollgate audit` found in the files it read: the JSON report (`tollgate.dev/audit/v1`) and the
/// source of the text and SARIF renderings.
public struct AuditReport: Sendable, Codable, Equatable {
    public var schemaVersion = "tollgate.dev/audit/v1"
    /// Every file read, with what it was read as.
    public var files: [AuditedFile]
    /// Every finding, ordered by file, line and column.
    public var findings: [AuditFinding]
    public var summary: Summary
    /// Whether every workflow, deployment and policy file has a code owner; nil when no checkout was
    /// audited (single files) or it has no such files.
    public var workflowOwners: Bool?
    /// What the exported repository settings say; nil when none were given.
    public var settings: SourceSettings?

    public struct Summary: Sendable, Codable, Equatable {
        public var files: Int
        public var findings: Int
        public var critical: Int
        public var high: Int
        public var medium: Int
        public var low: Int
    }

    public init(files: [AuditedFile], findings: [AuditFinding], workflowOwners: Bool? = nil, settings: SourceSettings? = nil) {
        self.files = files
        self.workflowOwners = workflowOwners
        self.settings = settings
        self.findings = findings.sorted { ($0.file, $0.line, $0.column, $0.rule) < ($1.file, $1.line, $1.column, $1.rule) }
        func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
        summary = Summary(files: files.count, findings: findings.count, critical: count(.critical), high: count(.high),
                          medium: count(.medium), low: count(.low))
    }

    /// Whether a finding is at or above `severity` (what `--fail-on` asks).
    public func hasFinding(atOrAbove severity: Severity) -> Bool {
        findings.contains { $0.severity >= severity }
    }
}

/// A file `tollgate audit` read.
public struct AuditedFile: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case githubWorkflow = "github-workflow"
        case githubAction = "github-action"
        case gitlabCI = "gitlab-ci"
        case codeowners
        case settings
    }

    public let path: String
    public let kind: Kind

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }
}
