import Foundation
import TollgatePolicy
import TollgateVulnerabilities

extension ScanEvidence {
    /// Adapts a `tollgate scan` report. Unknown severity stays unknown (`nil`), which the policy
    /// ranks with `unknownSeverity`; VEX-suppressed findings keep their statement for the evidence list.
    public init(report: ScanReport, scannedAt: Date, source: String) {
        let findings = report.findings.map { finding in
            VulnerabilityEvidence(
                id: finding.id, aliases: finding.aliases, purl: finding.purl,
                severity: TollgatePolicy.Severity(name: finding.severity.rawValue),
                fixedVersions: finding.fixedVersions, suppressedByVEX: finding.suppressed,
                vexStatement: finding.suppression.map { "\($0.status.rawValue)\($0.justification.map { ": \($0)" } ?? "") (\($0.source))" })
        }
        self.init(scannedAt: scannedAt, findings: findings, source: source)
    }
}
