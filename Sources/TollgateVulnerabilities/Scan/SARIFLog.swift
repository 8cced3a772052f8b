import TollgateModel
import Foundation

/// A scan report rendered as SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
///
/// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html. GitHub's requirements
/// (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning):
/// every result has a `physicalLocation`; `properties.security-severity` (a CVSS-like number as a string)
/// drives the severity shown. Suppressed findings keep their result with a `suppressions` entry (§3.35).
public struct SARIFLog: Sendable, Encodable {
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

    struct Tool: Sendable, Encodable {
        let driver: Driver
    }

    struct Driver: Sendable, Encodable {
        let name: String
        let informationUri: String
        let version: String
        let rules: [Rule]
    }

    struct Text: Sendable, Encodable {
        let text: String
    }

    struct Rule: Sendable, Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let fullDescription: Text
        let helpUri: String
        let help: Text
        let defaultConfiguration: Configuration
        let properties: RuleProperties
    }

    struct Configuration: Sendable, Encodable {
        let level: String
    }

    struct RuleProperties: Sendable, Encodable {
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
        let suppressions: [Suppression]?
        let properties: ResultProperties
    }

    struct ResultProperties: Sendable, Encodable {
        let purl: String
        let aliases: [String]
        let fixedVersions: [String]
        let unconfirmed: Bool
    }

    struct Location: Sendable, Encodable {
        let physicalLocation: PhysicalLocation
        let logicalLocations: [LogicalLocation]
    }

    struct PhysicalLocation: Sendable, Encodable {
        let artifactLocation: ArtifactLocation
        let region: Region
    }

    struct ArtifactLocation: Sendable, Encodable {
        let uri: String
    }

    struct Region: Sendable, Encodable {
        let startLine: Int
    }

    struct LogicalLocation: Sendable, Encodable {
        let name: String
        let fullyQualifiedName: String
        let kind: String
    }

    struct Suppression: Sendable, Encodable {
        let kind: String
        let status: String
        let justification: String
    }

    /// Builds the log; `artifactURI` is the scanned file (relative to the repository root for GitHub).
    public init(report: ScanReport, artifactURI: String, toolVersion: String) {
        var ruleIndex: [String: Int] = [:]
        var rules: [Rule] = []
        var results: [Result] = []
        for finding in report.findings {
            let index: Int
            if let existing = ruleIndex[finding.id] {
                index = existing
            } else {
                index = rules.count
                ruleIndex[finding.id] = index
                let summary = finding.summary ?? "\(finding.id) affects \(finding.name)"
                rules.append(Rule(
                    id: finding.id, name: finding.id, shortDescription: Text(text: summary),
                    fullDescription: Text(text: ([summary] + (finding.aliases.isEmpty ? [] : ["Aliases: " + finding.aliases.joined(separator: ", ")])).joined(separator: ". ")),
                    helpUri: "https://osv.dev/vulnerability/\(finding.id)",
                    help: Text(text: finding.fixedVersions.isEmpty ? "No fixed version is known." : "Fixed in " + finding.fixedVersions.joined(separator: ", ") + "."),
                    defaultConfiguration: Configuration(level: Self.level(finding.severity)),
                    properties: RuleProperties(securitySeverity: Self.securitySeverity(finding), tags: ["security", "vulnerability"])))
            }
            let fixText = finding.fixedVersions.isEmpty ? "no fixed version is known" : "fixed in " + finding.fixedVersions.joined(separator: ", ")
            // A VEX verdict that does not suppress (affected, under investigation) is still worth reading.
            let vexText = finding.vex.flatMap(Self.unsuppressingVerdict) ?? ""
            results.append(Result(
                ruleId: finding.id, ruleIndex: index, level: Self.level(finding.severity),
                message: Text(text: "\(finding.purl) is affected by \(finding.id) (\(finding.severity.rawValue)\(finding.unconfirmed ? ", unconfirmed" : "")); \(fixText).\(vexText)"),
                locations: [Location(
                    physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: artifactURI), region: Region(startLine: 1)),
                    logicalLocations: [LogicalLocation(name: finding.name, fullyQualifiedName: finding.purl, kind: "package")])],
                partialFingerprints: ["tollgate/v1": "\(finding.purl)|\(finding.id)"],
                suppressions: finding.suppression.map {
                    [Suppression(kind: "external", status: "accepted",
                                 justification: [$0.justification, $0.detail, $0.source].compactMap { $0 }.joined(separator: "; "))]
                },
                properties: ResultProperties(purl: finding.purl, aliases: finding.aliases,
                                             fixedVersions: finding.fixedVersions, unconfirmed: finding.unconfirmed)))
        }
        runs = [Run(tool: Tool(driver: Driver(name: "tollgate", informationUri: "https://tollgate.dev",
                                              version: toolVersion, rules: rules)), results: results)]
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

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium, .unknown: "warning"
        case .low, .none: "note"
        }
    }

    static func securitySeverity(_ finding: VulnerabilityFinding) -> String {
        if let score = finding.score { return String(format: "%.1f", score) }
        switch finding.severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium, .unknown: return "5.5"
        case .low: return "2.0"
        case .none: return "0.0"
        }
    }
}
