import Foundation
import Testing
import TollgateModel
@testable import TollgateVulnerabilities

/// Done means: for the six SBOMs in `expected/`, run against the whole `osv/` set, the findings equal the
/// reference set of (purl, advisory) pairs, modulo alias grouping.
struct ExpectedFindingsTests {
    static let sboms = [
        "laravel-7.12.0__bom.1.4.json", "dropwizard-1.3.15__bom.json", "alpine-zlib-16.cdx.json",
        "SPDXJSONExample-v2.3.spdx.json", "requirements.cdx-1.6.json", "proton-bridge__proton-bridge-v1.6.3.bom.json",
    ]

    static func canonical(_ purl: String) -> String {
        (try? PackageURL(parsing: purl).description) ?? purl
    }

    @Test("findings equal the reference (purl, advisory) pairs for each expected SBOM", arguments: sboms)
    func matchesReference(sbomName: String) async throws {
        let store = try await SharedDatabase.store()
        let sbom = try FixtureLoader.sbom("sbom/\(sbomName)")
        let report = try await Scanner(store: store).scan(sbom, source: sbomName)

        let expected = try #require(try JSONSerialization.jsonObject(
            with: FixtureLoader.data("expected/\(sbomName).findings.json")) as? [String: Any])
        let expectedPairs = Set((expected["findings"] as? [[String: Any]] ?? []).map {
            "\(Self.canonical($0["purl"] as? String ?? "")) \($0["id"] as? String ?? "")"
        })
        // Our findings are alias groups; each member advisory is one (purl, advisory) pair.
        let ours = Set(report.findings.flatMap { finding in finding.advisories.map { "\(Self.canonical(finding.purl)) \($0)" } })
        let missing = expectedPairs.subtracting(ours).sorted()
        let extra = ours.subtracting(expectedPairs).sorted()
        #expect(missing.isEmpty, "missing: \(missing)")
        #expect(extra.isEmpty, "unexpected: \(extra)")

        // Purls the reference could not match (no version, unknown type) are unscannable, never clean.
        let unmatched = Set((expected["unmatched_purls_or_unsupported"] as? [String] ?? []).map(Self.canonical))
        let unscannable = Set(report.unscannable.compactMap(\.purl).map(Self.canonical))
        #expect(unmatched.isSubset(of: unscannable), "not reported unscannable: \(unmatched.subtracting(unscannable))")
    }

    @Test("the findings are the same with a minimal reading of the SBOM", arguments: sboms)
    func independentOfReader(sbomName: String) async throws {
        let store = try await SharedDatabase.store()
        let viaReader = try await Scanner(store: store).scan(FixtureLoader.sbom("sbom/\(sbomName)"))
        let viaMinimal = try await Scanner(store: store).scan(FixtureLoader.minimalSBOM("sbom/\(sbomName)"))
        #expect(Set(viaReader.findings.map { "\(Self.canonical($0.purl)) \($0.id)" })
                == Set(viaMinimal.findings.map { "\(Self.canonical($0.purl)) \($0.id)" }))
    }

    @Test("SARIF output has one result per finding, located on the scanned file, with security-severity")
    func sarif() async throws {
        let store = try await SharedDatabase.store()
        let report = try await Scanner(store: store).scan(FixtureLoader.sbom("sbom/requirements.cdx-1.6.json"))
        let encoder = JSONEncoder()
        let data = try encoder.encode(SARIFLog(report: report, artifactURI: "requirements.cdx-1.6.json", toolVersion: "0.1.0"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["version"] as? String == "2.1.0")
        #expect(json["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try #require((json["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == report.findings.count)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.allSatisfy { ($0["properties"] as? [String: Any])?["security-severity"] is String })
        for result in results {
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "requirements.cdx-1.6.json")
        }
    }

    @Test("the import counts and explains skipped entries, including the 40 withdrawn records")
    func importSummary() async throws {
        let summary = try await SharedDatabase.imported.value.1
        #expect(summary.skippedByReason["withdrawn"] == 40)
        #expect(summary.added + summary.skipped.filter { $0.reason == "withdrawn" }.count
                + summary.skipped.filter { $0.reason == "malformed" }.count == summary.examined)
        #expect(summary.added > 8000)
    }

    @Test("a component without version or purl is unscannable, never clean")
    func unscannable() async throws {
        let store = try await SharedDatabase.store()
        let report = try await Scanner(store: store).scan(FixtureLoader.sbom("sbom/requirements.cdx-1.6.json"))
        let reasons = Dictionary(uniqueKeysWithValues: report.unscannable.map { ($0.name, $0.reason) })
        #expect(reasons["Django"] == .noVersion)
        #expect(reasons["urllib3"] == .noVersion)
        #expect(reasons["unknown"] == .noPurl)
        #expect(report.summary.unscannable == 4)
    }

    @Test("one vulnerability known under several ids is one finding carrying every id")
    func aliasGrouping() async throws {
        let store = try await SharedDatabase.store()
        let report = try await Scanner(store: store).scan(FixtureLoader.sbom("sbom/requirements.cdx-1.6.json"))
        let flask = try #require(report.findings.first { $0.name == "flask" })
        #expect(flask.id == "PYSEC-2023-62")
        #expect(flask.aliases.contains("CVE-2023-30861"))
        #expect(flask.aliases.contains("GHSA-m2qf-hxjv-5gpq"))
        #expect(!flask.fixedVersions.isEmpty)
    }
}
