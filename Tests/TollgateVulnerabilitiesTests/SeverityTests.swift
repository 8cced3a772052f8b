import Testing
@testable import TollgateVulnerabilities

/// CVSS v3.x base scores, checked against the examples in the FIRST specification documents and NVD.
struct SeverityTests {
    @Test("computes CVSS v3.x base scores", arguments: [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
        ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
        ("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 6.5),
        ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8),
        ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5),
        ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
        ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8),
    ])
    func cvss3(vector: String, score: Double) throws {
        #expect(try CVSSv3(vector: vector).baseScore == score)
    }

    @Test("rejects malformed CVSS v3 vectors", arguments: [
        "CVSS:2.0/AV:N", "CVSS:3.1/AV:N/AC:L", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "",
    ])
    func cvss3Invalid(vector: String) {
        #expect(throws: VulnerabilityError.self) { try CVSSv3(vector: vector) }
    }

    @Test("maps scores and database labels to ratings", arguments: [
        (0.0, Severity.none), (0.1, .low), (3.9, .low), (4.0, .medium), (6.9, .medium), (7.0, .high), (8.9, .high), (9.0, .critical),
    ])
    func ratings(score: Double, severity: Severity) {
        #expect(Severity(score: score) == severity)
    }

    @Test("GHSA's MODERATE is medium; an unrated record is unknown, not none")
    func labels() {
        #expect(Severity(label: "MODERATE") == .medium)
        let record = OSVRecord(id: "X", affected: [])
        #expect(AdvisorySeverity.resolve(record).severity == .unknown)
    }
}
