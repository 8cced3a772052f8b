import Foundation
import Testing
@testable import TollgateVulnerabilities

/// When a VEX statement was made: RFC 3339 parsing, OpenVEX inheritance from the document, the CycloneDX
/// fallback chain, and invalid timestamps as `vuln.invalid-vex`.
struct VEXTimestampTests {
    @Test("parses RFC 3339 date-times, with offsets, lower-case separators, leap days and leap seconds", arguments: [
        ("2023-01-08T18:02:03-06:00", 1_673_222_523.0),
        ("2022-12-22T16:36:43-05:00", 1_671_745_003.0),
        ("2020-04-13T20:20:39+00:00", 1_586_809_239.0),
        ("2022-03-03T00:00:00Z", 1_646_265_600.0),
        ("2022-03-03t00:00:00z", 1_646_265_600.0),
        ("2024-02-29T23:59:59Z", 1_709_251_199.0),
        ("2016-12-31T23:59:60Z", 1_483_228_800.0),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2000-03-01T00:00:00+14:00", 951_818_400.0),
        ("2020-12-03T00:00:00.000Z", 1_606_953_600.0),
    ])
    func parses(text: String, epoch: Double) throws {
        let date = try #require(VEXTimestamp.parse(text))
        #expect(date.timeIntervalSince1970 == epoch)
    }

    @Test("keeps nanosecond fractions as OpenVEX tools write them, in order")
    func fractions() throws {
        // vexctl's documents: the statement was written 0.78 µs after its document's timestamp.
        let document = try #require(VEXTimestamp.parse("2023-12-05T05:04:34.77929844Z"))
        let statement = try #require(VEXTimestamp.parse("2023-12-05T05:04:34.77929922Z"))
        #expect(abs(document.timeIntervalSince1970 - 1_701_752_674.779_298_44) < 1e-6)
        #expect(document < statement)
        let spec = try #require(VEXTimestamp.parse("2023-01-08T18:02:03.647787998-06:00"))
        #expect(abs(spec.timeIntervalSince1970 - 1_673_222_523.647_788) < 1e-6)
    }

    @Test("rejects text that is not an RFC 3339 date-time", arguments: [
        "", "yesterday", "2023-01-01", "2023-01-01T00:00:00", "2023-01-01 00:00:00Z", "2023-13-01T00:00:00Z",
        "2023-02-29T00:00:00Z", "2023-04-31T00:00:00Z", "2023-01-01T24:00:00Z", "2023-01-01T00:60:00Z",
        "2023-01-01T00:00:61Z", "2023-01-01T00:00:00.Z", "2023-01-01T00:00:00+0600", "2023-01-01T00:00:00+24:00",
        "2023-01-01T00:00:00Zjunk", "23-01-01T00:00:00Z", "2023-1-01T00:00:00Z", "２０２３-01-01T00:00:00Z",
    ])
    func rejects(text: String) {
        #expect(VEXTimestamp.parse(text) == nil)
    }

    @Test("an OpenVEX statement's own timestamp overrides its document's (vexctl examples)")
    func openVEXStatementTimestamp() throws {
        let statements = try VEXDocument.parse(FixtureLoader.data("vex/openvex/vexctl-document1.vex.json"), source: "d1")
        let statement = try #require(statements.first)
        #expect(statement.timestamp == VEXTimestamp.parse("2023-12-05T05:04:34.77929922Z"))
        #expect(statement.author == "John Doe")
        #expect(statement.status == .underInvestigation)
        // v0.0.1 shape: a string vulnerability, string products, no document timestamp.
        let old = try VEXDocument.parse(FixtureLoader.data("vex/openvex/vexctl-v001-1.vex.json"), source: "v001")
        #expect(old.first?.timestamp == VEXTimestamp.parse("2022-12-22T16:36:43-05:00"))
        #expect(old.first?.vulnerability == "CVE-1234-5678")
    }

    @Test("an OpenVEX statement without a timestamp inherits its document's (the specification's example)")
    func openVEXInheritance() throws {
        let before = try VEXDocument.parse(FixtureLoader.data("vex/openvex/spec-inheritance-before.openvex.json"), source: "b")
        #expect(before.map(\.timestamp) == [VEXTimestamp.parse("2023-01-08T18:02:03-06:00")])
        let after = try VEXDocument.parse(FixtureLoader.data("vex/openvex/spec-inheritance-after.openvex.json"), source: "a")
        #expect(after.map(\.timestamp) == [VEXTimestamp.parse("2023-01-08T18:02:03-06:00"),
                                           VEXTimestamp.parse("2023-01-09T09:08:42-06:00")])
        #expect(after.map(\.status) == [.underInvestigation, .fixed])
        #expect(after.allSatisfy { $0.author == "Wolfi J Inkinson" })
    }

    static func openVEX(document: String, statement: String) -> Data {
        Data("""
        {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://tollgate.dev/test/t", "author": "a", "version": 1\(document),
         "statements": [{"vulnerability": {"name": "CVE-2023-0001"}, "products": [{"@id": "pkg:npm/a@1.0.0"}],
                         "status": "fixed"\(statement)}]}
        """.utf8)
    }

    @Test("an OpenVEX statement's time is the later of timestamp and last_updated, its own before its document's", arguments: [
        (#", "timestamp": "2026-01-01T00:00:00Z""#, "", "2026-01-01T00:00:00Z"),
        (#", "timestamp": "2026-01-01T00:00:00Z", "last_updated": "2026-02-01T00:00:00Z""#, "", "2026-02-01T00:00:00Z"),
        (#", "timestamp": "2026-01-01T00:00:00Z""#, #", "timestamp": "2025-06-01T00:00:00Z""#, "2025-06-01T00:00:00Z"),
        (#", "timestamp": "2026-01-01T00:00:00Z""#, #", "last_updated": "2026-05-01T00:00:00Z""#, "2026-05-01T00:00:00Z"),
        ("", #", "timestamp": "2025-06-01T00:00:00Z", "last_updated": "2025-07-01T00:00:00Z""#, "2025-07-01T00:00:00Z"),
        ("", "", nil),
    ] as [(String, String, String?)])
    func openVEXTimes(document: String, statement: String, expected: String?) throws {
        let statements = try VEXDocument.parse(Self.openVEX(document: document, statement: statement), source: "t")
        #expect(statements.first?.timestamp == expected.flatMap(VEXTimestamp.parse))
    }

    static func cycloneDX(metadata: String, vulnerability: String, analysis: String) -> Data {
        Data("""
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
         "metadata": {"authors": [{"name": "Example PSIRT"}]\(metadata)},
         "vulnerabilities": [{"id": "CVE-2023-0001"\(vulnerability),
                              "analysis": {"state": "not_affected", "justification": "code_not_present"\(analysis)},
                              "affects": [{"ref": "pkg:npm/a@1.0.0"}]}]}
        """.utf8)
    }

    @Test("a CycloneDX statement's time: analysis.lastUpdated, else firstIssued, else updated, else published, else metadata.timestamp", arguments: [
        (#", "timestamp": "2022-01-01T00:00:00Z""#, #", "published": "2022-02-01T00:00:00Z", "updated": "2022-03-01T00:00:00Z""#,
         #", "firstIssued": "2022-04-01T00:00:00Z", "lastUpdated": "2022-05-01T00:00:00Z""#, "2022-05-01T00:00:00Z"),
        (#", "timestamp": "2022-01-01T00:00:00Z""#, #", "published": "2022-02-01T00:00:00Z", "updated": "2022-03-01T00:00:00Z""#,
         #", "firstIssued": "2022-04-01T00:00:00Z""#, "2022-04-01T00:00:00Z"),
        (#", "timestamp": "2022-01-01T00:00:00Z""#, #", "published": "2022-02-01T00:00:00Z", "updated": "2022-03-01T00:00:00Z""#,
         "", "2022-03-01T00:00:00Z"),
        (#", "timestamp": "2022-01-01T00:00:00Z""#, #", "published": "2022-02-01T00:00:00Z""#, "", "2022-02-01T00:00:00Z"),
        (#", "timestamp": "2022-01-01T00:00:00Z""#, "", "", "2022-01-01T00:00:00Z"),
        ("", "", "", nil),
    ] as [(String, String, String, String?)])
    func cycloneDXTimes(metadata: String, vulnerability: String, analysis: String, expected: String?) throws {
        let statements = try VEXDocument.parse(Self.cycloneDX(metadata: metadata, vulnerability: vulnerability, analysis: analysis),
                                               source: "t")
        #expect(statements.first?.timestamp == expected.flatMap(VEXTimestamp.parse))
        #expect(statements.first?.author == "Example PSIRT")
    }

    @Test("CycloneDX examples take their vulnerability's updated time, else the BOM's metadata.timestamp")
    func cycloneDXExamples() throws {
        let root = try VEXDocument.parse(FixtureLoader.data("vex/cyclonedx/vex.json"), source: "vex.json")
        #expect(root.first?.timestamp == VEXTimestamp.parse("2021-10-26T00:00:00.000Z"))
        let cisa = try VEXDocument.parse(FixtureLoader.data("vex/cyclonedx/CISA-Use-Cases/Case-3/vex.json"), source: "case-3")
        #expect(!cisa.isEmpty)
        #expect(cisa.allSatisfy { $0.timestamp == VEXTimestamp.parse("2022-03-03T00:00:00Z") })
    }

    @Test("a timestamp that is present but invalid makes the document invalid, naming the field", arguments: [
        (openVEX(document: #", "timestamp": "2026-13-01T00:00:00Z""#, statement: ""), "timestamp"),
        (openVEX(document: #", "last_updated": "last tuesday""#, statement: ""), "last_updated"),
        (openVEX(document: "", statement: #", "timestamp": "2026-01-01""#), "statement 0 timestamp"),
        (openVEX(document: "", statement: #", "last_updated": 1767225600"#), "statement 0 last_updated"),
        (cycloneDX(metadata: #", "timestamp": "2022-01-01T00:00:00""#, vulnerability: "", analysis: ""), "metadata.timestamp"),
        (cycloneDX(metadata: "", vulnerability: #", "updated": "2022/03/01""#, analysis: ""), "vulnerabilities[0].updated"),
        (cycloneDX(metadata: "", vulnerability: #", "published": "soon""#, analysis: ""), "vulnerabilities[0].published"),
        (cycloneDX(metadata: "", vulnerability: "", analysis: #", "firstIssued": "2022-02-30T00:00:00Z""#),
         "vulnerabilities[0].analysis.firstIssued"),
        (cycloneDX(metadata: "", vulnerability: "", analysis: #", "lastUpdated": true"#), "vulnerabilities[0].analysis.lastUpdated"),
    ] as [(Data, String)])
    func invalid(document: Data, field: String) {
        let error = #expect(throws: VulnerabilityError.self) { try VEXDocument.parse(document, source: "bad.json") }
        #expect(error?.code == "vuln.invalid-vex")
        #expect(error?.reason.hasPrefix("\(field) of 'bad.json' must be an RFC 3339 date-time") == true, "\(error?.reason ?? "")")
    }
}
