import TollgateModel
import Foundation
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

    struct V4Vector: Sendable, Decodable, CustomStringConvertible {
        let vector: String
        let score: Double
        var description: String { vector }
    }

    static let v4Vectors: [V4Vector] = (try? JSONDecoder().decode([V4Vector].self, from: FixtureLoader.data("cvss/v4-vectors.json"))) ?? []

    @Test("computes CVSS v4.0 scores equal to an independent implementation for every vector in the data", arguments: v4Vectors)
    func cvss4(v: V4Vector) throws {
        #expect(try CVSSv4(vector: v.vector).baseScore == v.score)
    }

    @Test("has CVSS v4 vectors to check")
    func cvss4Count() {
        #expect(Self.v4Vectors.count >= 40)
    }

    @Test("rejects malformed CVSS v4 vectors", arguments: [
        "CVSS:4.0/AV:N", "CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "CVSS:4.0/AV:Q/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    ])
    func cvss4Invalid(vector: String) {
        #expect(throws: VulnerabilityError.self) { try CVSSv4(vector: vector) }
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
