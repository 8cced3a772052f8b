import Foundation
import Testing
import TollgateAudit
import TollgateModel

/// The report's gate (`--fail-on`), its JSON fields, and its SARIF 2.1.0 rendering.
@Suite struct AuditReportTests {
    private func report(_ fixture: String) throws -> AuditReport {
        AuditReport(files: [AuditedFile(path: fixture, kind: .githubWorkflow)], findings: try AuditFixture.findings(fixture))
    }

    @Test("pedantic findings stay under the default gate; real ones cross it")
    func gate() throws {
        let pedantic = try report("workflows/dangerous-bare.yml")
        #expect(pedantic.summary.low == 1)
        #expect(!pedantic.hasFinding(atOrAbove: .medium))
        #expect(pedantic.hasFinding(atOrAbove: .low))
        let critical = try report("workflows/maestro-pull-request-target.yml")
        #expect(critical.hasFinding(atOrAbove: .critical))
    }

    @Test("each JSON finding has rule, severity, file, line, column, message and fix")
    func jsonFields() throws {
        let json = try JSONSerialization.jsonObject(with: JSONOutput.encode(try report("workflows/workflow-write-all.yml"))) as? [String: Any]
        #expect(json?["schemaVersion"] as? String == "tollgate.dev/audit/v1")
        let finding = (json?["findings"] as? [[String: Any]])?.first
        #expect(finding?["rule"] as? String == "permissions-write-all")
        #expect(finding?["severity"] as? String == "high")
        #expect(finding?["file"] as? String == "workflow-write-all.yml")
        #expect(finding?["line"] as? Int == 5)
        #expect(finding?["column"] as? Int == 14)
        #expect((finding?["message"] as? String)?.isEmpty == false)
        #expect((finding?["fix"] as? String)?.isEmpty == false)
    }

    @Test("SARIF 2.1.0: one rule per fired rule, results with region line and column and security-severity")
    func sarif() throws {
        let log = AuditSARIFLog(report: try report("workflows/menagerie-of-uses.yml"), toolVersion: "0.1.0")
        let json = try JSONSerialization.jsonObject(with: JSONOutput.encode(log)) as? [String: Any]
        #expect(json?["version"] as? String == "2.1.0")
        let run = (json?["runs"] as? [[String: Any]])?.first
        let rules = ((run?["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]
        #expect(Set(rules?.compactMap { $0["id"] as? String } ?? []) == ["unpinned-uses", "release-unprotected-branch"])
        let results = run?["results"] as? [[String: Any]]
        #expect(results?.count == 7)
        let first = results?.first { ($0["ruleId"] as? String) == "unpinned-uses" }
        let region = (((first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
        #expect(region?["startLine"] as? Int == 11)
        #expect(region?["startColumn"] as? Int == 15)
        let properties = rules?.first?["properties"] as? [String: Any]
        #expect(properties?["security-severity"] != nil)
    }
}
