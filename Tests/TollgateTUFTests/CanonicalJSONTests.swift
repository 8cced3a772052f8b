import Foundation
import Testing
import TollgateModel
@testable import TollgateTUF

struct CanonicalJSONVector: Sendable, CustomTestStringConvertible {
    let input: String
    let canonicalHex: String?
    var testDescription: String { String(input.prefix(60)) }

    static func all() throws -> [CanonicalJSONVector] {
        let json = try JSONValue.parse(try Fixtures.bytes("canonical-json-vectors.json"))
        return (json.arrayValue ?? []).map {
            CanonicalJSONVector(input: $0["input"]?.stringValue ?? "", canonicalHex: $0["canonical"]?.stringValue)
        }
    }
}

@Suite struct CanonicalJSONTests {
    /// Vectors made with securesystemslib 1.6.0 `encode_canonical` (Fixtures/canonical-json-vectors.json).
    @Test("canonical JSON matches securesystemslib byte for byte", arguments: try CanonicalJSONVector.all())
    func matchesSecuresystemslib(_ vector: CanonicalJSONVector) throws {
        let value = try JSONValue.parse(Array(vector.input.utf8))
        if let expected = vector.canonicalHex {
            #expect(Hex.encode(try CanonicalJSON.encode(value)) == expected)
        } else {
            #expect(throws: TUFError.self) { try CanonicalJSON.encode(value) }
        }
    }

    @Test func newlinesInsidePEMKeysAreWrittenRawNotEscaped() throws {
        let value: JSONValue = ["public": "-----BEGIN\nKEY-----\n"]
        #expect(try CanonicalJSON.encode(value) == Array("{\"public\":\"-----BEGIN\nKEY-----\n\"}".utf8))
    }
}

@Suite struct TUFTimeTests {
    @Test("expiry dates in the forms real repositories write parse to the right instant", arguments: [
        ("2021-12-18T13:28:12.99008-06:00", 1_639_855_692.99008),
        ("2022-05-11T19:09:02.663975009Z", 1_652_296_142.663975009),
        ("2026-11-20T13:58:18Z", 1_795_183_098.0),
        ("2000-02-29T00:00:00+01:30", 951_777_000.0),
    ])
    func parses(_ text: String, _ seconds: Double) {
        let parsed = TUFTime.parse(text)
        #expect(parsed != nil)
        #expect(abs((parsed?.timeIntervalSince1970 ?? 0) - seconds) < 0.001)
    }

    @Test("malformed expiry dates are refused", arguments: ["2021-12-18", "2021-12-18T13:28:12", "2021-02-30T00:00:00Z",
                                                            "2021-12-18 13:28:12Z", "2021-12-18T13:28:12.Z", "20211218T132812Z"])
    func refuses(_ text: String) {
        #expect(TUFTime.parse(text) == nil)
    }

    @Test func formatsAsUTC() {
        #expect(TUFTime.format(Date(timeIntervalSince1970: 1_795_183_098)) == "2026-11-20T13:58:18Z")
    }
}
