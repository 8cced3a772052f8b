import Foundation
import TollgatePolicy
import TollgateSBOM
import TollgateVulnerabilities

extension ScanEvidence {
    /// Adapts a `tollgate scan` report. Unknown severity stays unknown (`nil`), which the policy
    /// ranks with `unknownSeverity`; VEX-suppressed findings keep their statement for the evidence
    /// list. With `ignoringSuppressions`, the report's own VEX suppressions are dropped.
    package init(report: ScanReport, ignoringSuppressions: Bool = false, scannedAt: Date, origin: FactOrigin,
         database: AdvisoryDatabaseState?, source: String) {
        let findings = report.findings.map { finding in
            let verdict = ignoringSuppressions ? nil : finding.vex
            return VulnerabilityEvidence(
                id: finding.id, aliases: finding.aliases, purl: finding.purl,
                severity: finding.severity == .unknown ? nil : finding.severity,
                fixedVersions: finding.fixedVersions, suppressedByVEX: !ignoringSuppressions && finding.suppressed,
                vexStatement: verdict.map(Self.describe))
        }
        self.init(scannedAt: scannedAt, findings: findings, origin: origin, database: database, source: source)
    }

    /// "not_affected: vulnerable_code_not_in_execute_path (vex.json (OpenVEX), 2026-11-01T00:00:00Z)".
    static func describe(_ verdict: VEXVerdict) -> String {
        let time = verdict.timestamp.map { ", \(Format.instant($0))" } ?? ""
        return "\(verdict.status.rawValue)\(verdict.justification.map { ": \($0)" } ?? "") (\(verdict.source)\(time))"
    }

    /// Applies VEX from trusted authors to findings a scanner attested (whose own suppressions were
    /// dropped): the latest matching statement decides, as in the gate's own scan.
    func applying(_ vex: [VEXStatement], sbom: SBOM) -> ScanEvidence {
        guard !vex.isEmpty else { return self }
        let resolver = VEXResolver(vex)
        var byPurl: [String: SBOMComponent] = [:]
        for component in sbom.components { if let purl = component.purl?.description { byPurl[purl] = component } }
        let resolved = findings.map { finding -> VulnerabilityEvidence in
            guard let component = byPurl[finding.purl],
                  let verdict = resolver.verdict(for: [finding.id] + finding.aliases, component: component, in: sbom) else { return finding }
            return VulnerabilityEvidence(id: finding.id, aliases: finding.aliases, purl: finding.purl, severity: finding.severity,
                                         fixedVersions: finding.fixedVersions, suppressedByVEX: verdict.suppresses,
                                         vexStatement: Self.describe(verdict))
        }
        return ScanEvidence(scannedAt: scannedAt, findings: resolved, origin: origin, database: database, source: source)
    }
}
