import TollgateModel
import Foundation

/// A scan report rendered as SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
///
/// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html. GitHub's requirements
/// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
/// every result has a `physicalLocation`; `properties.security-severity` (a CVSS-like number as a string)
/// drives the severity shown. Suppressed findings keep their result with a `suppressions` entry (§3.35).
public struct SARIFLog: Sendable, Encodable {
    /// The scan's own result properties (a SARIF property bag).
    struct ResultProperties: Sendable, Encodable {
        let purl: String
        let aliases: [String]
        let fixedVersions: [String]
        let unconfirmed: Bool
    }

    let log: SARIF.Log<ResultProperties>

    public func encode(to encoder: any Encoder) throws { try log.encode(to: encoder) }

    /// Builds the log; `artifactURI` is the scanned file (relative to the repository root for GitHub).
    public init(report: ScanReport, artifactURI: String, toolVersion: String) {
        var ruleIndex: [String: Int] = [:]
        var rules: [SARIF.Rule] = []
        var results: [SARIF.Result<ResultProperties>] = []
        for finding in report.findings {
            let index: Int
            if let existing = ruleIndex[finding.id] {
                index = existing
            } else {
                index = rules.count
                ruleIndex[finding.id] = index
                let summary = finding.summary ?? "\(finding.id) affects \(finding.name)"
                rules.append(SARIF.Rule(
                    id: finding.id, name: finding.id, shortDescription: SARIF.Text(text: summary),
                    fullDescription: SARIF.Text(text: ([summary] + (finding.aliases.isEmpty ? [] : ["Aliases: " + finding.aliases.joined(separator: ", ")])).joined(separator: ". ")),
                    helpUri: "https://osv.dev/vulnerability/\(finding.id)",
                    help: SARIF.Text(text: finding.fixedVersions.isEmpty ? "No fixed version is known." : "Fixed in " + finding.fixedVersions.joined(separator: ", ") + "."),
                    defaultConfiguration: SARIF.Configuration(level: SARIF.level(finding.severity)),
                    properties: SARIF.RuleProperties(securitySeverity: Self.securitySeverity(finding), tags: ["security", "vulnerability"])))
            }
            let fixText = finding.fixedVersions.isEmpty ? "no fixed version is known" : "fixed in " + finding.fixedVersions.joined(separator: ", ")
            // A VEX verdict that does not suppress (affected, under investigation) is still worth reading.
            let vexText = finding.vex.flatMap(Self.unsuppressingVerdict) ?? ""
            results.append(SARIF.Result(
                ruleId: finding.id, ruleIndex: index, level: SARIF.level(finding.severity),
                message: SARIF.Text(text: "\(finding.purl) is affected by \(finding.id) (\(finding.severity.rawValue)\(finding.unconfirmed ? ", unconfirmed" : "")); \(fixText).\(vexText)"),
                locations: [SARIF.Location(
                    physicalLocation: SARIF.PhysicalLocation(artifactLocation: SARIF.ArtifactLocation(uri: artifactURI), region: SARIF.Region(startLine: 1)),
                    logicalLocations: [SARIF.LogicalLocation(name: finding.name, fullyQualifiedName: finding.purl, kind: "package")])],
                partialFingerprints: ["tollgate/v1": "\(finding.purl)|\(finding.id)"],
                suppressions: finding.suppression.map {
                    [SARIF.Suppression(kind: "external", status: "accepted",
                                       justification: [$0.justification, $0.detail, $0.source].compactMap { $0 }.joined(separator: "; "))]
                },
                properties: ResultProperties(purl: finding.purl, aliases: finding.aliases,
                                             fixedVersions: finding.fixedVersions, unconfirmed: finding.unconfirmed)))
        }
        log = SARIF.Log(runs: [SARIF.Run(tool: SARIF.Tool(driver: SARIF.Driver(name: "tollgate", informationUri: "https://tollgate.dev",
                                                                              version: toolVersion, rules: rules)), results: results)])
    }

    /// A sentence for a VEX verdict that leaves the finding open; nil for one that suppresses it (the SARIF
    /// `suppressions` entry says that).
    static func unsuppressingVerdict(_ verdict: VEXVerdict) -> String? {
        guard !verdict.suppresses else { return nil }
        let status = switch verdict.status {
        case .affected: "Affected"
        case .underInvestigation: "Under investigation"
        case .notAffected: "Not affected, but without a justification or impact statement,"
        case .fixed: "Fixed"
        }
        return " \(status) per VEX \(verdict.source)."
    }

    /// The finding's CVSS score when it has one, else the severity's default.
    static func securitySeverity(_ finding: VulnerabilityFinding) -> String {
        if let score = finding.score { return String(format: "%.1f", score) }
        return SARIF.securitySeverity(finding.severity)
    }
}
