import TollgateModel

/// An audit report as SARIF 2.1.0 for GitHub code scanning
/// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html): one rule per audit rule that
/// fired, one result per finding with its file, line and column (§3.30 region), the fix as the
/// result's markdown-free help, and `security-severity` so GitHub ranks it.
public struct AuditSARIFLog: Sendable, Encodable {
    public let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public let version = "2.1.0"
    public let runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema"
        case version, runs
    }

    public struct Run: Sendable, Encodable {
        let tool: Tool
        let results: [Result]
    }

    struct Tool: Sendable, Encodable { let driver: Driver }

    struct Driver: Sendable, Encodable {
        let name: String
        let informationUri: String
        let version: String
        let rules: [Rule]
    }

    struct Text: Sendable, Encodable { let text: String }

    struct Rule: Sendable, Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let helpUri: String
        let defaultConfiguration: Configuration
        let properties: Properties
    }

    struct Configuration: Sendable, Encodable { let level: String }

    struct Properties: Sendable, Encodable {
        let securitySeverity: String
        let tags: [String]
        enum CodingKeys: String, CodingKey {
            case securitySeverity = "security-severity"
            case tags
        }
    }

    struct Result: Sendable, Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [Location]
        let partialFingerprints: [String: String]
        let properties: ResultProperties
    }

    struct ResultProperties: Sendable, Encodable {
        let fix: String
        let severity: String
    }

    struct Location: Sendable, Encodable { let physicalLocation: PhysicalLocation }

    struct PhysicalLocation: Sendable, Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }

    struct ArtifactLocation: Sendable, Encodable { let uri: String }

    struct Region: Sendable, Encodable {
        let startLine: Int
        let startColumn: Int
    }

    public init(report: AuditReport, toolVersion: String) {
        var index: [AuditRule: Int] = [:]
        var rules: [Rule] = []
        var results: [Result] = []
        for finding in report.findings {
            let ruleIndex: Int
            if let existing = index[finding.rule] {
                ruleIndex = existing
            } else {
                ruleIndex = rules.count
                index[finding.rule] = ruleIndex
                rules.append(Rule(id: finding.rule.rawValue, name: finding.rule.rawValue,
                                  shortDescription: Text(text: finding.rule.title),
                                  helpUri: "https://tollgate.dev/docs/audit#\(finding.rule.rawValue)",
                                  defaultConfiguration: Configuration(level: Self.level(finding.severity)),
                                  properties: Properties(securitySeverity: Self.securitySeverity(finding.severity),
                                                         tags: ["security", "supply-chain", "ci"])))
            }
            results.append(Result(
                ruleId: finding.rule.rawValue, ruleIndex: ruleIndex, level: Self.level(finding.severity),
                message: Text(text: "\(finding.message). Fix: \(finding.fix)"),
                locations: [Location(physicalLocation: PhysicalLocation(
                    artifactLocation: ArtifactLocation(uri: finding.file),
                    region: Region(startLine: finding.line, startColumn: finding.column)))],
                partialFingerprints: ["tollgate/v1": "\(finding.file)|\(finding.rule.rawValue)|\(finding.job ?? "")|\(finding.message)"],
                properties: ResultProperties(fix: finding.fix, severity: finding.severity.rawValue)))
        }
        runs = [Run(tool: Tool(driver: Driver(name: "tollgate-audit", informationUri: "https://tollgate.dev",
                                              version: toolVersion, rules: rules)), results: results)]
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium, .unknown: "warning"
        case .low, .none: "note"
        }
    }

    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium, .unknown: "5.5"
        case .low: "2.0"
        case .none: "0.0"
        }
    }
}
