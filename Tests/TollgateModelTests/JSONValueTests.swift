import Foundation
import Testing
@testable import TollgateModel

@Suite("JSONValue")
struct JSONValueTests {
    @Test("round-trips every kind of value")
    func roundTrip() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", true, nil], "b": ["nested": ["deep": -7]], "big": .integer(Int64.max)]
        let parsed = try JSONValue.parse(value.encodedBytes())
        #expect(parsed == value)
        #expect(parsed["a"]?[1]?.doubleValue == 2.5)
        #expect(parsed["big"]?.intValue == Int64.max)
        #expect(parsed["b"]?["nested"]?["deep"]?.intValue == -7)
        #expect(parsed["missing"] == nil)
    }

    @Test("keeps integers exact and fractions as doubles")
    func numbers() throws {
        #expect(try JSONValue.parse(Array("12345678901234567".utf8)) == .integer(12_345_678_901_234_567))
        #expect(try JSONValue.parse(Array("1.5".utf8)) == .number(1.5))
        #expect(try JSONValue.parse(Array("true".utf8)) == .bool(true))
    }

    @Test("encodes with sorted keys")
    func sortedKeys() {
        let value: JSONValue = ["b": 1, "a": 2]
        #expect(String(decoding: value.encodedBytes(), as: UTF8.self) == #"{"a":2,"b":1}"#)
    }

    @Test("rejects malformed JSON", arguments: ["", "{", "[1,", "{\"a\":}", "nul", "{\"a\" 1}"])
    func malformed(text: String) {
        #expect(throws: ModelError.self) { try JSONValue.parse(Array(text.utf8)) }
    }

    @Test("rejects nesting deeper than the limit without recursing")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONValue.parse(Array(deep.utf8), maxBytes: 1 << 20)
            Issue.record("expected a depth error")
        } catch {
            #expect(error.kind == .invalidJSON)
            #expect(error.reason.contains("deeper"))
        }
    }

    @Test("rejects documents over the size limit")
    func tooLarge() {
        do {
            _ = try JSONValue.parse(Array("[1,2,3]".utf8), maxBytes: 4)
            Issue.record("expected too-large")
        } catch {
            #expect(error.kind == .tooLarge)
        }
    }

    @Test("brackets inside strings do not count toward depth")
    func bracketsInStrings() throws {
        let text = "{\"k\":\"" + String(repeating: "[", count: 500) + "\\\"\"}"
        #expect(try JSONValue.parse(Array(text.utf8))["k"]?.stringValue?.count == 501)
    }

    @Test("a lower depth limit is applied exactly; a higher one is capped at maxDepth")
    func chosenDepth() throws {
        func nested(_ depth: Int) -> [UInt8] { Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8) }
        #expect(throws: Never.self) { try JSONValue.parse(nested(3), maxDepth: 3) }
        #expect(throws: ModelError.self) { try JSONValue.parse(nested(4), maxDepth: 3) }
        #expect(throws: Never.self) { try JSONValue.parse(nested(JSONValue.maxDepth)) }
        #expect(throws: ModelError.self) { try JSONValue.parse(nested(JSONValue.maxDepth + 1), maxDepth: 10_000) }
    }

    @Test("duplicate member names: the last wins, or the document is rejected when asked")
    func duplicateNames() throws {
        let text = Array(#"{"a":{"b":1,"b":2},"c":[{"d":true,"d":false}]}"#.utf8)
        let parsed = try JSONValue.parse(text)
        #expect(parsed["a"]?["b"] == 2)
        #expect(parsed["c"]?[0]?["d"] == false)
        do {
            _ = try JSONValue.parse(text, rejectingDuplicateNames: true)
            Issue.record("expected a duplicate-name error")
        } catch {
            #expect(error.kind == .invalidJSON)
            #expect(error.reason.contains("\"b\" appears twice"), "\(error.reason)")
        }
        #expect(try JSONValue.parse(Array(#"{"a":1,"b":{"a":2}}"#.utf8), rejectingDuplicateNames: true)["b"]?["a"] == 2)
    }
}
