import Foundation
import Testing
import TollgateModel
@testable import TollgateVulnerabilities

/// OpenVEX and CycloneDX VEX `not_affected` statements with a justification suppress findings, which stay
/// in the report marked as suppressed.
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
}
