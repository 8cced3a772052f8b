import TollgateModel
import Testing
@testable import TollgateVulnerabilities

/// `--fail-on`: unsuppressed findings at or above the threshold fail the gate; unknown severity counts.
struct FailOnTests {
    static func finding(_ severity: Severity, suppressed: Bool = false) -> VulnerabilityFinding {
        VulnerabilityFinding(purl: "pkg:npm/a@1.0.0", name: "a", version: "1.0.0", id: "OSV-1", aliases: [], advisories: ["OSV-1"],
                severity: severity, score: nil, severitySource: nil, summary: nil, fixedVersions: [], via: .range,
                unconfirmed: false, suppressed: suppressed, suppression: nil, vex: nil)
    }

    static func report(_ findings: [VulnerabilityFinding]) -> ScanReport {
        ScanReport(source: nil, summary: .init(components: 1, scanned: 1, unscannable: 0, findings: findings.count,
                                               suppressed: 0, unconfirmed: 0, bySeverity: [:]),
                   findings: findings, unscannable: [], warnings: [])
    }

    @Test("fails at or above the threshold, not below", arguments: [
        (Severity.high, Severity.high, true), (.critical, .high, true), (.medium, .high, false), (.low, .medium, false),
        (.unknown, .critical, true),
    ])
    func threshold(found: Severity, threshold: Severity, fails: Bool) {
        #expect(Self.report([Self.finding(found)]).hasFinding(atOrAbove: threshold) == fails)
    }

    @Test("a suppressed finding never fails the gate")
    func suppressed() {
        #expect(!Self.report([Self.finding(.critical, suppressed: true)]).hasFinding(atOrAbove: .low))
    }
}
