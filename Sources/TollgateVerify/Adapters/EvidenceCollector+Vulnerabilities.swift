import Foundation
import TollgateModel
import TollgatePolicy
import TollgateSBOM
import TollgateVulnerabilities

/// Vulnerability verdicts the gate can stand behind: its own scan of the trusted SBOM, or a signed
/// scan attestation by a trusted scanner about this artifact and this SBOM.
extension EvidenceCollector {
    func assessVulnerabilities(sbom trustedSBOM: TrustedSBOM?, vex: [VEXStatement], attested: [(Statement, [Signer])],
                               into evidence: inout Evidence) async {
        var attestedScan: ScanEvidence?
        for (statement, trusted) in attested {
            if let scan = acceptScanAttestation(statement, trusted, sbom: trustedSBOM, into: &evidence), attestedScan == nil {
                attestedScan = scan
            }
        }
        if let trustedSBOM { attestedScan = attestedScan?.applying(vex, sbom: trustedSBOM.sbom) }
        guard let scanner, let advisories else {
            evidence.scan = attestedScan
            return
        }
        guard let trustedSBOM else {
            // Nothing trusted to scan: the vulnerability rules cannot run (unless a trusted scanner vouched).
            evidence.scan = attestedScan
            return
        }
        do {
            let state = try await advisories.state()
            let count = state.advisoryCount
            let database = AdvisoryDatabaseState(revision: state.revision, importedAt: state.lastImport, advisories: count)
            guard count > 0 else {
                evidence.problems.append(EvidenceProblem(.unreadable, "advisory database",
                    "the advisory database is empty; run 'tollgate db import PATH' (an empty database would call everything clean)", kind: .vulnerabilityScan))
                evidence.scan = attestedScan
                return
            }
            let report = try await scanner.scan(trustedSBOM.sbom, vex: vex, source: trustedSBOM.source)
            let source = "gate scan of \(trustedSBOM.source) (\(trustedSBOM.digest)) against advisory database revision \(database.revision)"
                + (database.importedAt.map { ", imported \(Format.instant($0))" } ?? ", import time unknown")
            evidence.scan = ScanEvidence(report: report, scannedAt: now(), origin: .gate, database: database, source: source)
        } catch {
            evidence.problems.append(EvidenceProblem(.unreadable, "advisory database", "the gate's scan could not run: \(ErrorText.describe(error))", kind: .vulnerabilityScan))
            evidence.scan = attestedScan
        }
    }

    /// A cosign vuln attestation counts when it names the trusted SBOM's digest (`predicate.sbom.digest`)
    /// and carries its scan time and report. Its subject was already checked to be the artifact.
    private func acceptScanAttestation(_ statement: Statement, _ trusted: [Signer], sbom: TrustedSBOM?,
                                       into evidence: inout Evidence) -> ScanEvidence? {
        let predicate = statement.statement.predicate
        guard let named = predicate["sbom"]?["digest"]?["sha256"]?.stringValue?.lowercased() else {
            evidence.problems.append(EvidenceProblem(.wrongSubject, statement.source,
                "the scan attestation names no SBOM digest (predicate.sbom.digest.sha256), so it cannot be tied to the trusted SBOM", kind: .vulnerabilityScan))
            return nil
        }
        guard let sbom else {
            evidence.problems.append(EvidenceProblem(.wrongSubject, statement.source,
                "the scan attestation scanned SBOM sha256:\(named), but there is no trusted SBOM to compare it with", kind: .vulnerabilityScan))
            return nil
        }
        guard named == sbom.digest.hex else {
            evidence.problems.append(EvidenceProblem(.wrongSubject, statement.source,
                "the scan attestation scanned SBOM sha256:\(named), not the trusted SBOM \(sbom.digest) (\(sbom.source))", kind: .vulnerabilityScan))
            return nil
        }
        let formatter = ISO8601DateFormatter()
        guard let finishedText = predicate["metadata"]?["scanFinishedOn"]?.stringValue,
              let finished = formatter.date(from: finishedText) else {
            evidence.problems.append(EvidenceProblem(.unreadable, statement.source, "the scan attestation has no valid metadata.scanFinishedOn", kind: .vulnerabilityScan))
            return nil
        }
        guard let result = predicate["scanner"]?["result"] else {
            evidence.problems.append(EvidenceProblem(.unreadable, statement.source, "the scan attestation has no scanner.result", kind: .vulnerabilityScan))
            return nil
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let report = try? decoder.decode(ScanReport.self, from: Data(result.encodedBytes())) else {
            evidence.problems.append(EvidenceProblem(.unreadable, statement.source, "scanner.result is not a \(ScanReport.schema) report", kind: .vulnerabilityScan))
            return nil
        }
        let db = predicate["scanner"]?["db"]
        let database = AdvisoryDatabaseState(
            revision: Int(db?["revision"]?.intValue ?? 0),
            importedAt: db?["importedAt"]?.stringValue.flatMap { formatter.date(from: $0) },
            advisories: Int(db?["advisories"]?.intValue ?? 0))
        let signer = vouching(statement, trusted).signer
        // The scanner vouches for what it matched, not for whose VEX it applied: suppressions are
        // dropped, and only VEX from trusted authors (applied by the gate's own scan) suppresses.
        return ScanEvidence(report: report, ignoringSuppressions: true, scannedAt: finished, origin: .signedStatement(signer),
                            database: database, source: "\(statement.source) (scan attestation signed by \(signer))")
    }

    func noteUnsignedScan(_ input: EvidenceInput, into evidence: inout Evidence) {
        let summary: String
        if let report = try? JSONDecoder().decode(ScanReport.self, from: Data(input.bytes)) {
            summary = "an unsigned scan report with \(report.findings.count) findings"
        } else {
            summary = "an unsigned, unreadable scan report"
        }
        evidence.problems.append(EvidenceProblem(.unsigned, input.name,
            "\(summary) is shown for information only and never satisfies a rule; the gate scans the trusted SBOM itself, or accepts a scan attestation signed by a trusted scanner (\(policy.signers(for: .vulnerabilityScan).summary))"))
    }
}
