import Foundation
import Testing
import TollgateModel
@testable import TollgateVulnerabilities

/// OpenVEX and CycloneDX VEX applied to a scan: the latest matching statement decides; `fixed` and justified
/// `not_affected` suppress findings, which stay in the report marked as suppressed, with the verdict recorded.
struct VEXTests {
    @Test("reads CycloneDX VEX statements, resolving BOM-Link references")
    func cycloneDX() throws {
        let statements = try VEXDocument.parse(FixtureLoader.data("vex/cyclonedx/vex.json"), source: "vex.json")
        let first = try #require(statements.first { $0.vulnerability == "CVE-2020-25649" })
        #expect(first.status == .notAffected)
        #expect(first.justification == "code_not_reachable")
        #expect(first.suppresses)
        #expect(first.products.contains { if case let .purl(p) = $0 { p.name == "jackson-databind" } else { false } })
    }

    static let useCases: [String] = {
        guard let root = try? FixtureLoader.url("vex/cyclonedx"),
              let all = FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] else { return [] }
        return all.filter { $0.hasSuffix("vex.json") }.sorted()
    }()

    @Test("parses every CycloneDX VEX example", arguments: useCases)
    func everyExample(path: String) throws {
        let statements = try VEXDocument.parse(FixtureLoader.data("vex/cyclonedx/" + path), source: path)
        #expect(!statements.isEmpty)
        for statement in statements where statement.status == .notAffected {
            #expect(statement.justification != nil || statement.detail != nil)
        }
    }

    @Test("reads OpenVEX; not_affected without a justification does not suppress")
    func openVEX() throws {
        let statements = try VEXDocument.parse(FixtureLoader.data("vex/openvex/jackson-not-affected.openvex.json"), source: "o.json")
        #expect(statements.count == 3)
        #expect(statements[0].suppresses)
        #expect(!statements[1].suppresses)
        #expect(!statements[2].suppresses)
    }

    @Test("rejects a document that is neither OpenVEX nor CycloneDX")
    func rejectsUnknown() {
        #expect(throws: VulnerabilityError.self) { try VEXDocument.parse(Data("{\"hello\":1}".utf8), source: "x") }
        #expect(throws: VulnerabilityError.self) { try VEXDocument.parse(Data("not json".utf8), source: "x") }
    }

    @Test("a not_affected statement suppresses the finding, which stays visible", arguments: [
        "vex/cyclonedx/vex.json", "vex/openvex/jackson-not-affected.openvex.json",
    ])
    func suppresses(vexPath: String) async throws {
        let store = try await SharedDatabase.store()
        let sbom = try FixtureLoader.sbom("vex/cyclonedx/bom.json")
        let statements = try VEXDocument.parse(FixtureLoader.data(vexPath), source: vexPath)
        let plain = try await Scanner(store: store).scan(sbom)
        let filtered = try await Scanner(store: store).scan(sbom, vex: statements)
        #expect(plain.findings.count == filtered.findings.count)
        let target = try #require(filtered.findings.first {
            $0.name == "jackson-databind" && ($0.aliases.contains("CVE-2020-25649") || $0.id == "CVE-2020-25649")
        })
        #expect(target.suppressed)
        #expect(target.suppression?.justification != nil)
        #expect(plain.findings.allSatisfy { !$0.suppressed })
        #expect(filtered.findings.filter(\.suppressed).count >= 1)
        #expect(filtered.summary.suppressed == filtered.findings.filter(\.suppressed).count)
    }

    /// The jackson-databind finding (in `vex/cyclonedx/bom.json`) known by `name` as its id or an alias.
    static func jackson(_ report: ScanReport, _ name: String) throws -> VulnerabilityFinding {
        try #require(report.findings.first { $0.name == "jackson-databind" && ($0.id == name || $0.aliases.contains(name)) })
    }

    @Test("a document whose statements change over time: the latest statement about each finding decides the scan")
    func history() async throws {
        let store = try await SharedDatabase.store()
        let sbom = try FixtureLoader.sbom("vex/cyclonedx/bom.json")
        let path = "vex/openvex/jackson-history.openvex.json"
        let report = try await Scanner(store: store).scan(sbom, vex: VEXDocument.parse(FixtureLoader.data(path), source: path))

        // not_affected (January), then affected (February): shown, with the affected verdict.
        let reopened = try Self.jackson(report, "CVE-2020-25649")
        #expect(!reopened.suppressed)
        #expect(reopened.suppression == nil)
        #expect(reopened.vex?.status == .affected)
        #expect(reopened.vex?.suppresses == false)
        #expect(reopened.vex?.notes?.contains("upgrade to 2.10.5.1") == true)
        #expect(reopened.vex?.matchedStatements == 2)

        // affected (February, any version), then not_affected inheriting the document's last_updated (March).
        let cleared = try Self.jackson(report, "CVE-2020-36518")
        #expect(cleared.suppressed)
        #expect(cleared.suppression?.status == .notAffected)
        #expect(cleared.suppression?.justification == "vulnerable_code_cannot_be_controlled_by_adversary")
        #expect(cleared.vex?.timestamp == VEXTimestamp.parse("2026-03-01T00:00:00Z"))
        #expect(cleared.vex?.author == "Tollgate tests")

        // fixed (15 February, named by GHSA id) beats under_investigation (15 January, by CVE alias) listed after it.
        let fixed = try Self.jackson(report, "CVE-2022-42003")
        #expect(fixed.suppressed)
        #expect(fixed.suppression?.status == .fixed)
        #expect(fixed.vex?.matchedStatements == 2)

        #expect(report.summary.suppressed == report.findings.filter(\.suppressed).count)
        #expect(report.findings.filter { $0.vex == nil }.allSatisfy { !$0.suppressed })
        #expect(report.hasFinding(atOrAbove: .low))
    }

    @Test("a scan without VEX records no verdict, and the report's JSON has no vex field")
    func noVEX() async throws {
        let store = try await SharedDatabase.store()
        let report = try await Scanner(store: store).scan(FixtureLoader.sbom("vex/cyclonedx/bom.json"))
        #expect(!report.findings.isEmpty)
        #expect(report.findings.allSatisfy { $0.vex == nil && !$0.suppressed })
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains("\"vex\""))
    }

    @Test("the verdict round-trips through the report's JSON, and a finding written before verdicts existed still decodes")
    func json() async throws {
        let store = try await SharedDatabase.store()
        let path = "vex/openvex/jackson-history.openvex.json"
        let report = try await Scanner(store: store).scan(FixtureLoader.sbom("vex/cyclonedx/bom.json"),
                                                          vex: VEXDocument.parse(FixtureLoader.data(path), source: path))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(ScanReport.self, from: encoder.encode(report)) == report)
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(Self.jackson(report, "CVE-2020-25649"))) as? [String: Any])
        let vex = try #require(object["vex"] as? [String: Any])
        #expect(vex["status"] as? String == "affected")
        #expect(vex["timestamp"] as? String == "2026-02-01T00:00:00Z")
        #expect(vex["suppresses"] as? Bool == false)

        let old = Data("""
            {"purl": "pkg:npm/a@1.0.0", "name": "a", "version": "1.0.0", "id": "OSV-1", "aliases": [], "advisories": ["OSV-1"],
             "severity": "high", "fixedVersions": [], "via": "range", "unconfirmed": false, "suppressed": true,
             "suppression": {"vulnerability": "OSV-1", "status": "not_affected", "justification": "code_not_present", "source": "v"}}
            """.utf8)
        let finding = try decoder.decode(VulnerabilityFinding.self, from: old)
        #expect(finding.vex == nil)
        #expect(finding.suppression?.justification == "code_not_present")
    }

    @Test("SARIF results say when VEX marks a finding affected")
    func sarifVerdict() async throws {
        let store = try await SharedDatabase.store()
        let path = "vex/openvex/jackson-history.openvex.json"
        let report = try await Scanner(store: store).scan(FixtureLoader.sbom("vex/cyclonedx/bom.json"),
                                                          vex: VEXDocument.parse(FixtureLoader.data(path), source: path))
        let data = try JSONEncoder().encode(SARIFLog(report: report, artifactURI: "bom.json", toolVersion: "0.1.0"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let results = try #require((json["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let messages = results.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        let reopened = try #require(messages.first { $0.contains("GHSA-288c-cq4h-88gq") })
        #expect(reopened.hasSuffix("; fixed in 2.10.5.1. Affected per VEX vex/openvex/jackson-history.openvex.json (OpenVEX)."))
        // A suppressed finding says so in its SARIF suppression, not in its message.
        let cleared = try #require(messages.first { $0.contains("GHSA-57j2-w4cx-62h2") })
        #expect(!cleared.contains("per VEX"))
    }
}
