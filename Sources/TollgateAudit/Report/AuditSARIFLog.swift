import TollgateModel

/// An audit report as SARIF 2.1.0 for GitHub code scanning
/// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html): one rule per audit rule that
/// fired, one result per finding with its file, line and column (§3.30 region), the fix as the
/// result's markdown-free help, and `security-severity` so GitHub ranks it. The model is `TollgateModel.SARIF`,
/// shared with `tollgate scan`.
public struct AuditSARIFLog: Sendable, Encodable {
    /// Each result's own properties: the fix and Tollgate's severity name.
    struct ResultProperties: Sendable, Encodable {
        let fix: String
        let severity: String
    }

    let log: SARIF.Log<ResultProperties>

    public func encode(to encoder: any Encoder) throws { try log.encode(to: encoder) }

    public init(report: AuditReport, toolVersion: String) {
        var index: [AuditRule: Int] = [:]
        var rules: [SARIF.Rule] = []
        var results: [SARIF.Result<ResultProperties>] = []
        for finding in report.findings {
            let ruleIndex: Int
            if let existing = index[finding.rule] {
                ruleIndex = existing
            } else {
                ruleIndex = rules.count
                index[finding.rule] = ruleIndex
                rules.append(SARIF.Rule(id: finding.rule.rawValue, name: finding.rule.rawValue,
                                        shortDescription: SARIF.Text(text: finding.rule.title),
                                        helpUri: "https://tollgate.dev/docs/audit#\(finding.rule.rawValue)",
                                        defaultConfiguration: SARIF.Configuration(level: SARIF.level(finding.severity)),
                                        properties: SARIF.RuleProperties(securitySeverity: SARIF.securitySeverity(finding.severity),
                                                                         tags: ["security", "supply-chain", "ci"])))
            }
            results.append(SARIF.Result(
                ruleId: finding.rule.rawValue, ruleIndex: ruleIndex, level: SARIF.level(finding.severity),
                message: SARIF.Text(text: "\(finding.message). Fix: \(finding.fix)"),
                locations: [SARIF.Location(physicalLocation: SARIF.PhysicalLocation(
                    artifactLocation: SARIF.ArtifactLocation(uri: finding.file),
                    region: SARIF.Region(startLine: finding.line, startColumn: finding.column)))],
                partialFingerprints: ["tollgate/v1": "\(finding.file)|\(finding.rule.rawValue)|\(finding.job ?? "")|\(finding.message)"],
                properties: ResultProperties(fix: finding.fix, severity: finding.severity.rawValue)))
        }
        log = SARIF.Log(runs: [SARIF.Run(tool: SARIF.Tool(driver: SARIF.Driver(name: "tollgate-audit", informationUri: "https://tollgate.dev",
                                                                              version: toolVersion, rules: rules)), results: results)])
    }
}
