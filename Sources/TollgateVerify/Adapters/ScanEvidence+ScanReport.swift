import Foundation
import TollgatePolicy
import TollgateVulnerabilities

extension ScanEvidence {
    /// Adapts a `tollgate scan` report. Unknown severity stays unknown (`nil`), which the policy
    /// ranks with `unknownSeverity`; VEX-suppressed findings keep their statement for the evidence
    /// list. With `ignoringSuppressions`, the report's own VEX suppressions are dropped.
    init(report: ScanReport, ignoringSuppressions: Bool = false, scannedAt: Date, origin: FactOrigin,
         database: AdvisoryDatabaseState?, source: String) {
        let findings = report.findings.map { finding in
            let suppressed = !ignoringSuppressions && finding.suppressed
            return VulnerabilityEvidence(
                id: finding.id, aliases: finding.aliases, purl: finding.purl,
                severity: TollgatePolicy.Severity(name: finding.severity.rawValue),
                fixedVersions: finding.fixedVersions, suppressedByVEX: suppressed,
                vexStatement: suppressed
                    ? finding.suppression.map { "\($0.status.rawValue)\($0.justification.map { ": \($0)" } ?? "") (\($0.source))" }
                    : nil)
        }
        self.init(scannedAt: scannedAt, findings: findings, origin: origin, database: database, source: source)
    }
}
