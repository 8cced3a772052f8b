import Foundation
import Testing
@testable import TollgateModel

/// The parser `JSONValue.parse` used before `JSONParser`: `JSONSerialization` and a conversion of
/// its `Any` tree. Kept here as the oracle that `JSONParser` must agree with.
private enum FoundationOracle {
    /// The old result, or `nil` where the old path threw.
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return nil }
        return convert(object)
    }

    /// Booleans arrive as CFBoolean (`objCType` "c"), integers as NSNumber of an integer type,
    /// other numbers as doubles.
    private static func convert(_ value: Any) -> JSONValue {
        switch value {
        case let object as [String: Any]:
            var result: [String: JSONValue] = [:]
            for (key, element) in object { result[key] = convert(element) }
            return .object(result)
        case let array as [Any]:
            return .array(array.map(convert))
        case let string as String:
            return .string(string)
        case let number as NSNumber:
            switch UInt8(bitPattern: number.objCType.pointee) {
            case UInt8(ascii: "c"), UInt8(ascii: "B"): return .bool(number.boolValue)
            case UInt8(ascii: "d"), UInt8(ascii: "f"), UInt8(ascii: "Q"), UInt8(ascii: "L"): return .number(number.doubleValue)
            default: return .integer(number.int64Value)
            }
        default:
            return .null
        }
    }
}

/// One hand-written input and what `JSONValue.parse` must make of it.
struct JSONParseCase: Sendable, CustomTestStringConvertible {
    enum Outcome: Sendable {
        case value(JSONValue)
        /// An `.invalidJSON` error whose reason contains this text.
        case error(String)
    }

    let name: String
    let bytes: [UInt8]
    let outcome: Outcome
    /// `false` for the documented differences from the old `JSONSerialization` path.
    let sameAsFoundation: Bool

    init(_ name: String, _ text: String, _ outcome: Outcome, sameAsFoundation: Bool = true) {
        self.init(name, Array(text.utf8), outcome, sameAsFoundation: sameAsFoundation)
    }

    init(_ name: String, _ bytes: [UInt8], _ outcome: Outcome, sameAsFoundation: Bool = true) {
        self.name = name
        self.bytes = bytes
        self.outcome = outcome
        self.sameAsFoundation = sameAsFoundation
    }

    var testDescription: String { name }
}

@Suite("JSONParser")
struct JSONParserTests {
    // MARK: Real documents

    /// Every JSON file under `Fixtures/`: copies of real documents from the other targets
    /// (`Fixtures/json/SOURCES.md`) and this target's own.
    static let fixtureFiles: [String] = {
        let root = FixtureFiles.root.standardizedFileURL.path
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test("parses every fixture document exactly as JSONSerialization did", arguments: fixtureFiles)
    func agreesWithFoundationOnFixtures(file: String) throws {
        let bytes = try FixtureFiles.bytes(file)
        let old = try #require(FoundationOracle.parse(bytes), "the old parser rejected \(file)")
        let new = try JSONValue.parse(bytes)
        #expect(new == old, "first difference at \(Self.firstDifference(new, old) ?? "?")")
        // What `encodedBytes` writes parses back to a value that writes the same bytes (an integral
        // double such as 10.0 is written "10" and reads back as an integer, by design).
        let written = new.encodedBytes()
        #expect(try JSONValue.parse(written).encodedBytes() == written)
    }

    @Test("has a varied set of real documents, the largest SBOMs and a trusted root among them")
    func fixtureSetIsRepresentative() throws {
        #expect(Self.fixtureFiles.count >= 50)
        #expect(Self.fixtureFiles.contains { $0.hasSuffix("dropwizard-1.3.15__bom.json") })
        #expect(Self.fixtureFiles.contains { $0.hasSuffix("trusted_root.production.json") })
        let largest = try #require(try Self.fixtureFiles.map { try FixtureFiles.data($0).count }.max())
        #expect(largest > 380_000)
    }

    @Test("rejects every truncation of a real bundle, as JSONSerialization did")
    func rejectsTruncations() throws {
        let bytes = try FixtureFiles.bytes("json/TollgateSigstoreTests/conformance/cases/happy-path-v0.3/bundle.sigstore.json")
        var end = bytes.count - 1
        // The closing brace is the last non-white-space byte: every shorter prefix is unfinished.
        while end > 0, bytes[end] != UInt8(ascii: "}") { end -= 1 }
        for length in 0..<end {
            let prefix = Array(bytes[..<length])
            #expect(throws: ModelError.self, "prefix of \(length) bytes") { try JSONValue.parse(prefix) }
            #expect(FoundationOracle.parse(prefix) == nil, "prefix of \(length) bytes")
        }
    }

    // MARK: Hand-written cases

    static let cases: [JSONParseCase] = [
        // Literals and white space.
        .init("true", "true", .value(true)),
        .init("false", "false", .value(false)),
        .init("null", "null", .value(.null)),
        .init("truncated literal", "tru", .error("expected 'true' at byte 3, found the end of the input")),
        .init("misspelt literal", "nul1", .error("expected 'null' at byte 3")),
        .init("literal with extra letter", "nulll", .error("expected the end of the document at byte 4, found 'l'")),
        .init("capitalised literal", "True", .error("expected a value at byte 0, found 'T'")),
        .init("white space of every kind", " \t\r\n[ \t\r\n1 \t\r\n, \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n2 \t\r\n} \t\r\n] \t\r\n",
              .value([1, ["a": 2]])),
        .init("form feed is not white space", "\u{0C}1", .error("expected a value at byte 0, found byte 0x0C")),
        .init("vertical tab is not white space", "[1,\u{0B}2]", .error("expected a value at byte 3")),
        .init("no-break space is not white space", "\u{A0}1", .error("expected a value at byte 0")),
        .init("empty input", "", .error("expected a value at byte 0, found the end of the input")),
        .init("only white space", " \n\t ", .error("expected a value at byte 4, found the end of the input")),
        .init("two values", "1 2", .error("expected the end of the document at byte 2, found '2'")),
        .init("value after an object", "{}x", .error("expected the end of the document at byte 2")),
        .init("a leading byte order mark is skipped", [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], .value([:])),
        .init("a byte order mark before a scalar", [0xEF, 0xBB, 0xBF, 0x31], .value(1)),
        .init("a byte order mark after white space", [0x20, 0xEF, 0xBB, 0xBF, 0x31], .error("expected a value at byte 1")),
        .init("only a byte order mark", [0xEF, 0xBB, 0xBF], .error("expected a value at byte 3")),
        .init("NUL byte after a number (JSONSerialization stopped reading there)", [0x31, 0x00, 0x78],
              .error("expected the end of the document at byte 1, found byte 0x00"), sameAsFoundation: false),
        .init("NUL byte before a number (JSONSerialization skipped it)", [0x00, 0x31],
              .error("expected a value at byte 0, found byte 0x00"), sameAsFoundation: false),
        .init("NUL byte after an object", [0x7B, 0x7D, 0x00], .error("expected the end of the document at byte 2, found byte 0x00")),
        // Numbers.
        .init("zero", "0", .value(.integer(0))),
        .init("minus zero is integer zero", "-0", .value(.integer(0))),
        .init("minus zero point zero is a negative zero double", "-0.0", .value(.number(-0.0))),
        .init("minus zero exponent", "-0e0", .value(.number(-0.0))),
        .init("exponent", "1e5", .value(.number(100_000))),
        .init("capital exponent with plus", "1E+5", .value(.number(100_000))),
        .init("exponent with leading zero digits", "1e05", .value(.number(100_000))),
        .init("negative exponent", "1.5e-7", .value(.number(1.5e-7))),
        .init("fraction equal to an integer stays a double", "1.0", .value(.number(1.0))),
        .init("negative fraction with exponent", "-1.5e+3", .value(.number(-1500))),
        .init("Int64.max", "9223372036854775807", .value(.integer(Int64.max))),
        .init("Int64.max + 1", "9223372036854775808", .value(.number(9_223_372_036_854_775_808.0))),
        .init("UInt64.max", "18446744073709551615", .value(.number(18_446_744_073_709_551_615.0))),
        .init("thirty digits", "123456789012345678901234567890", .value(.number(1.2345678901234568e29))),
        .init("Int64.min is exact (JSONSerialization gave a double)", "-9223372036854775808",
              .value(.integer(Int64.min)), sameAsFoundation: false),
        .init("-(2^62) is exact (JSONSerialization gave a double)", "-4611686018427387904",
              .value(.integer(-4_611_686_018_427_387_904)), sameAsFoundation: false),
        .init("-10^18 is exact (JSONSerialization gave a double for every 19-digit negative)", "-1000000000000000000",
              .value(.integer(-1_000_000_000_000_000_000)), sameAsFoundation: false),
        .init("an 18-digit negative", "-999999999999999999", .value(.integer(-999_999_999_999_999_999))),
        .init("Int64.min - 1", "-9223372036854775809", .value(.number(-9_223_372_036_854_775_809.0))),
        .init("17 significant digits", "12345678901234567", .value(.integer(12_345_678_901_234_567))),
        .init("a fraction correctly rounded (JSONSerialization was an ulp off)", "0.30000000000000004",
              .value(.number(0.30000000000000004)), sameAsFoundation: false),
        .init("smallest subnormal", "5e-324", .value(.number(.leastNonzeroMagnitude))),
        .init("largest double", "1.7976931348623157e308", .value(.number(.greatestFiniteMagnitude))),
        .init("underflow to zero", "1e-400", .value(.number(0))),
        .init("overflow", "1e400", .error("number 1e400 at byte 0 is too large for a double")),
        .init("negative overflow", "[-2e308]", .error("number -2e308 at byte 1 is too large")),
        .init("leading zero", "01", .error("expected no leading zero at byte 1, found '1'")),
        .init("negative leading zero", "-01", .error("expected no leading zero at byte 2")),
        .init("double zero", "00", .error("expected no leading zero at byte 1")),
        .init("no digit after the point", "1.", .error("expected a digit after '.' at byte 2, found the end of the input")),
        .init("point then exponent", "1.e5", .error("expected a digit after '.' at byte 2, found 'e'")),
        .init("no integer part", ".5", .error("expected a value at byte 0, found '.'")),
        .init("plus sign", "+1", .error("expected a value at byte 0, found '+'")),
        .init("no exponent digits", "1e", .error("expected a digit in the exponent at byte 2")),
        .init("no exponent digits after a sign", "1e+", .error("expected a digit in the exponent at byte 3")),
        .init("lone minus", "-", .error("expected a digit at byte 1, found the end of the input")),
        .init("minus then letter", "[-a]", .error("expected a digit at byte 2, found 'a'")),
        .init("hexadecimal", "0x10", .error("expected the end of the document at byte 1, found 'x'")),
        .init("NaN", "NaN", .error("expected a value at byte 0")),
        .init("Infinity", "-Infinity", .error("expected a digit at byte 1, found 'I'")),
        // Strings and escapes.
        .init("every short escape", #""\"\\\/\b\f\n\r\t""#, .value(.string("\"\\/\u{08}\u{0C}\n\r\t"))),
        .init("unicode escapes, either case", #""\u0041\u00e9\u00E9\u4e2d\uFFFF""#, .value(.string("Aéé中\u{FFFF}"))),
        .init("escaped NUL", #""a\u0000b""#, .value(.string("a\u{0}b"))),
        .init("surrogate pair", #""\ud83d\ude00""#, .value(.string("😀"))),
        .init("surrogate pair, capital hex", #""x\uD83D\uDE00y""#, .value(.string("x😀y"))),
        .init("highest scalar as a pair", #""\uDBFF\uDFFF""#, .value(.string("\u{10FFFF}"))),
        .init("escapes between raw UTF-8", "\"é\\n中\\u0041😀\"", .value(.string("é\n中A😀"))),
        .init("lone high surrogate at the end", #""\ud800""#, .error("high surrogate \\uD800 at byte 1 is not followed by a \\u low surrogate")),
        .init("high surrogate then a letter", #""\ud83dx""#, .error("is not followed by a \\u low surrogate")),
        .init("high surrogate then a non-surrogate escape", #""\ud83d\u0041""#, .error("is followed by \\u0041, not a low surrogate")),
        .init("two high surrogates", #""\ud83d\ud83d""#, .error("not a low surrogate")),
        .init("lone low surrogate", #""\udc00""#, .error("low surrogate \\uDC00 without a high surrogate at byte 1")),
        .init("reversed pair", #""\ude00\ud83d""#, .error("low surrogate \\uDE00 without a high surrogate")),
        .init("short unicode escape", #""\u00""#, .error("expected four hex digits after '\\u' at byte 5, found '\"'")),
        .init("non-hex unicode escape", #""\u00g0""#, .error("expected four hex digits after '\\u' at byte 5, found 'g'")),
        .init("unknown escape", #""\x""#, .error("expected one of \" \\ / b f n r t u after '\\' at byte 2, found 'x'")),
        .init("escaped single quote", #""\'""#, .error("after '\\' at byte 2")),
        .init("backslash at the end", #""\"#, .error("expected an escape character at byte 2, found the end of the input")),
        .init("raw control character", [0x22, 0x01, 0x22], .error("expected an escape, not a raw control character, in a string at byte 1, found byte 0x01")),
        .init("raw tab", "\"a\tb\"", .error("raw control character, in a string at byte 2, found byte 0x09")),
        .init("raw newline after an escape", "\"\\n\n\"", .error("raw control character, in a string at byte 3")),
        .init("U+FEFF opening a string is kept (JSONSerialization dropped it)", [0x22, 0xEF, 0xBB, 0xBF, 0x61, 0x22],
              .value(.string("\u{FEFF}a")), sameAsFoundation: false),
        .init("U+FEFF after an escape is kept (JSONSerialization dropped it)", [0x22, 0x5C, 0x6E, 0xEF, 0xBB, 0xBF, 0x22],
              .value(.string("\n\u{FEFF}")), sameAsFoundation: false),
        .init("U+FEFF as a member name is kept (JSONSerialization made it empty)", [0x7B, 0x22, 0xEF, 0xBB, 0xBF, 0x22, 0x3A, 0x31, 0x7D],
              .value(["\u{FEFF}": 1]), sameAsFoundation: false),
        .init("U+FEFF inside a string", [0x22, 0x61, 0xEF, 0xBB, 0xBF, 0x22], .value(.string("a\u{FEFF}"))),
        .init("escaped U+FEFF", #""\ufeffa""#, .value(.string("\u{FEFF}a"))),
        .init("raw DEL is allowed", [0x22, 0x7F, 0x22], .value(.string("\u{7F}"))),
        .init("U+FFFF as UTF-8 is allowed", [0x22, 0xEF, 0xBF, 0xBF, 0x22], .value(.string("\u{FFFF}"))),
        .init("U+D7FF as UTF-8 is allowed", [0x22, 0xED, 0x9F, 0xBF, 0x22], .value(.string("\u{D7FF}"))),
        .init("U+10FFFF as UTF-8 is allowed", [0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22], .value(.string("\u{10FFFF}"))),
        .init("overlong slash", [0x22, 0xC0, 0xAF, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("overlong two-byte form", [0x22, 0xC1, 0xBF, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("overlong three-byte form", [0x22, 0xE0, 0x80, 0x80, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("overlong four-byte form", [0x22, 0xF0, 0x80, 0x80, 0x80, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("UTF-8 encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("above U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("five-byte lead", [0x22, 0xF8, 0x88, 0x80, 0x80, 0x80, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("0xFF", [0x22, 0x61, 0xFF, 0x22], .error("invalid UTF-8 sequence at byte 2")),
        .init("lone continuation byte", [0x22, 0x80, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("truncated two-byte sequence", [0x22, 0xC3, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("truncated three-byte sequence", [0x22, 0xE2, 0x82, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("truncated four-byte sequence", [0x22, 0xF0, 0x9F, 0x98, 0x22], .error("invalid UTF-8 sequence at byte 1")),
        .init("sequence cut by the end of input", [0x22, 0xF0, 0x9F, 0x98], .error("invalid UTF-8 sequence at byte 1")),
        .init("invalid UTF-8 after an escape", [0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], .error("invalid UTF-8 sequence at byte 3")),
        .init("invalid UTF-8 in a member name", [0x7B, 0x22, 0xFE, 0x22, 0x3A, 0x31, 0x7D], .error("invalid UTF-8 sequence at byte 2")),
        .init("invalid UTF-8 outside a string", [0x5B, 0xC3, 0xA9, 0x5D], .error("expected a value at byte 1, found byte 0xC3")),
        .init("unterminated string", #""abc"#, .error("expected '\"' to end the string at byte 4, found the end of the input")),
        .init("unterminated string with an escape", #""a\n"#, .error("expected '\"' to end the string at byte 4")),
        .init("single-quoted string", "'a'", .error("expected a value at byte 0, found '''")),
        // Arrays and objects.
        .init("empty array", "[]", .value([])),
        .init("empty object", "{ }", .value([:])),
        .init("nested containers", #"[{"a":[[],{}],"b":null},[true,false],"s",-1,2.5]"#,
              .value([["a": [[], [:]], "b": nil], [true, false], "s", -1, 2.5])),
        .init("duplicate names: the last wins", #"{"a":1,"b":2,"a":3}"#, .value(["a": 3, "b": 2])),
        .init("canonically equivalent names are one key: the last wins", "{\"\\u00e9\":1,\"e\\u0301\":2}", .value(["é": 2])),
        .init("escaped member name", #"{"\u0061\n":1}"#, .value(["a\n": 1])),
        .init("trailing comma in an array (JSONSerialization accepted it)", "[1,]",
              .error("expected a value at byte 3, found ']'"), sameAsFoundation: false),
        .init("trailing comma in an object (JSONSerialization accepted it)", #"{"a":1,}"#,
              .error("expected a member name string at byte 7, found '}'"), sameAsFoundation: false),
        .init("leading comma", "[,1]", .error("expected a value at byte 1, found ','")),
        .init("double comma", "[1,,2]", .error("expected a value at byte 3, found ','")),
        .init("missing comma in an array", "[1 2]", .error("expected ',' or ']' at byte 3, found '2'")),
        .init("missing comma in an object", #"{"a":1 "b":2}"#, .error("expected ',' or '}' at byte 7, found '\"'")),
        .init("missing colon", #"{"a" 1}"#, .error("expected ':' at byte 5, found '1'")),
        .init("comma for a colon", #"{"a",1}"#, .error("expected ':' at byte 4, found ','")),
        .init("missing member value", #"{"a":}"#, .error("expected a value at byte 5, found '}'")),
        .init("number as a member name", "{1:2}", .error("expected a member name string at byte 1, found '1'")),
        .init("mismatched brackets", "[1}", .error("expected ',' or ']' at byte 2, found '}'")),
        .init("mismatched braces", #"{"a":1]"#, .error("expected ',' or '}' at byte 6, found ']'")),
        .init("unterminated array", "[", .error("expected a value at byte 1, found the end of the input")),
        .init("unterminated array after an element", "[1,2", .error("expected ',' or ']' at byte 4, found the end of the input")),
        .init("unterminated object", "{", .error("expected a member name string at byte 1, found the end of the input")),
        .init("unterminated object after a name", #"{"a""#, .error("expected ':' at byte 4, found the end of the input")),
        .init("unterminated object after a colon", #"{"a":"#, .error("expected a value at byte 5, found the end of the input")),
        .init("unterminated object after a value", #"{"a":1"#, .error("expected ',' or '}' at byte 6, found the end of the input")),
        .init("comment", "[1]// no", .error("expected the end of the document at byte 3, found '/'")),
    ]

    @Test("parses or rejects each hand-written case as specified", arguments: cases)
    func handWritten(testCase: JSONParseCase) throws {
        switch testCase.outcome {
        case .value(let expected):
            let parsed = try JSONValue.parse(testCase.bytes)
            #expect(parsed == expected)
            // Doubles compare equal across zero's sign; the bit pattern must match too.
            if case .number(let number) = parsed, case .number(let wanted) = expected {
                #expect(number.bitPattern == wanted.bitPattern)
            }
            if testCase.sameAsFoundation { #expect(FoundationOracle.parse(testCase.bytes) == parsed) }
        case .error(let text):
            do {
                let parsed = try JSONValue.parse(testCase.bytes)
                Issue.record("expected an error containing \"\(text)\", parsed \(parsed)")
            } catch {
                #expect(error.kind == .invalidJSON)
                #expect(error.reason.contains(text), "reason: \(error.reason)")
            }
            if testCase.sameAsFoundation { #expect(FoundationOracle.parse(testCase.bytes) == nil) }
        }
    }

    @Test("nests up to the depth limit and no deeper", arguments: [("[", "]"), ("{\"k\":", "}")])
    func depthLimit(open: String, close: String) throws {
        func nested(_ depth: Int) -> [UInt8] {
            Array((String(repeating: open, count: depth) + "0" + String(repeating: close, count: depth)).utf8)
        }
        _ = try JSONValue.parse(nested(JSONValue.maxDepth))
        for depth in [JSONValue.maxDepth + 1, 100_000] {
            do {
                _ = try JSONValue.parse(nested(depth), maxBytes: 1 << 24)
                Issue.record("expected a depth error at depth \(depth)")
            } catch {
                #expect(error.kind == .invalidJSON)
                #expect(error.reason.contains("nests deeper than 128 levels"), "reason: \(error.reason)")
            }
        }
        // An unclosed run of brackets is refused for its depth, not read to the end.
        #expect(throws: ModelError.self) { try JSONValue.parse(Array(String(repeating: open, count: 100_000).utf8), maxBytes: 1 << 24) }
    }

    @Test("parses a 10 MB string, plain and with escapes")
    func hugeString() throws {
        let count = 10 << 20
        var plain: [UInt8] = [0x22]
        plain.append(contentsOf: repeatElement(UInt8(ascii: "a"), count: count))
        plain.append(0x22)
        #expect(try JSONValue.parse(plain).stringValue?.utf8.count == count)

        var escaped: [UInt8] = [0x22]
        for _ in 0..<(count / 16) { escaped.append(contentsOf: Array(#"ab\n\u00e9\"😀"#.utf8)) }
        escaped.append(0x22)
        let text = try #require(try JSONValue.parse(escaped, maxBytes: 1 << 26).stringValue)
        #expect(text == String(repeating: "ab\né\"😀", count: count / 16))
    }

    @Test("reads Data, array slices and non-contiguous DataProtocol the same way")
    func inputKinds() throws {
        let text = Array(#"  [1, "é", {"a": null}]  "#.utf8)
        let expected: JSONValue = [1, "é", ["a": nil]]
        #expect(try JSONValue.parse(text) == expected)
        #expect(try JSONValue.parse(Data(text)) == expected)
        #expect(try JSONValue.parse(([0x58] + text + [0x58])[1...text.count]) == expected)
        #expect(try JSONValue.parse(Data([0x58] + text).dropFirst()) == expected)
        // A DispatchData of two regions has no contiguous storage: the parser copies it.
        let halves = [Array(text[..<5]), Array(text[5...])].map { bytes in
            bytes.withUnsafeBytes { DispatchData(bytes: $0) }
        }
        var split = halves[0]
        split.append(halves[1])
        #expect(try JSONValue.parse(split) == expected)
    }

    // MARK: Random documents

    @Test("parses back what encodedBytes writes, compact and pretty, for 3,000 random documents")
    func randomRoundTrip() throws {
        var generator = SeededGenerator(state: 0x5EED_7011_6A7E)
        for index in 0..<3_000 {
            let value = Self.randomValue(depth: 0, using: &generator)
            let compact = value.encodedBytes()
            #expect(try JSONValue.parse(compact) == value, "document \(index): \(String(decoding: compact, as: UTF8.self))")
            #expect(try JSONValue.parse(value.encodedBytes(pretty: true)) == value, "document \(index)")
        }
    }

    @Test("decodes strings written with every character escaped as \\u, surrogate pairs included")
    func randomEscapedStrings() throws {
        var generator = SeededGenerator(state: 0xE5CA_9E5)
        for _ in 0..<2_000 {
            let text = Self.randomString(using: &generator)
            var json = "\""
            for unit in text.utf16 { json += "\\u" + String(unit, radix: 16).leftPadded(to: 4) }
            json += "\""
            #expect(try JSONValue.parse(Array(json.utf8)) == .string(text))
        }
    }

    @Test("never traps on mangled documents, rejects all JSONSerialization rejected, and agrees where both accept")
    func mangledDocuments() throws {
        var generator = SeededGenerator(state: 0xBAD_B17E5)
        let seeds = try ["json/TollgateSigstoreTests/conformance/cases/happy-path-v0.2/bundle.sigstore.json",
                         "json/TollgateVulnerabilitiesTests/vex/openvex/spec-spring-boot.openvex.json",
                         "json/TollgateSBOMTests/sbom/spdx/ControlCharacters.spdx.json"].map(FixtureFiles.bytes)
            + (0..<20).map { _ in Self.randomValue(depth: 0, using: &generator).encodedBytes() }
        let alphabet = Array(#"{}[]",:\/-+.0123456789eEtfnu "#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xF0, 0xFF]
        for seed in seeds where !seed.isEmpty {
            for _ in 0..<300 {
                var bytes = seed
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let position = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[position] = alphabet.randomElement(using: &generator) ?? 0
                    case 1: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: position)
                    default: if bytes.count > 1 { bytes.remove(at: position) }
                    }
                }
                let new = try? JSONValue.parse(bytes)
                let old = FoundationOracle.parse(bytes)
                if old == nil { #expect(new == nil, "accepted what JSONSerialization rejected: \(String(decoding: bytes, as: UTF8.self))") }
                if let new, let old { #expect(Self.sameAllowingNumberFixes(new, old)) }
            }
        }
    }

    // MARK: Helpers

    private static func randomValue(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
        let kind = Int.random(in: 0..<(depth >= 5 ? 5 : 8), using: &generator)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2:
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: return .integer(Int64.random(in: -1_000...1_000, using: &generator))
            case 1: return .integer([Int64.min, Int64.max, 0, -1].randomElement(using: &generator) ?? 0)
            default: return .integer(Int64(bitPattern: generator.next()))
            }
        case 3: return .number(randomDouble(using: &generator))
        case 4: return .string(randomString(using: &generator))
        case 5, 6:
            return .array((0..<Int.random(in: 0...6, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &generator) {
                members[randomString(using: &generator)] = randomValue(depth: depth + 1, using: &generator)
            }
            return .object(members)
        }
    }

    /// A finite double that `encodedBytes` spells with a point or an exponent (an integral double
    /// below 2^64 is written as digits and reads back as `.integer`, by design).
    private static func randomDouble(using generator: inout SeededGenerator) -> Double {
        while true {
            let candidate: Double
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: candidate = Double(bitPattern: generator.next())
            case 1: candidate = Double(Int.random(in: -100_000...100_000, using: &generator)) / 64 + 0.001
            default: candidate = Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -30...30, using: &generator)))
            }
            if candidate.isFinite, !(candidate.rounded() == candidate && candidate.magnitude < 0x1p64) { return candidate }
        }
    }

    private static func randomString(using generator: inout SeededGenerator) -> String {
        let pieces: [String] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}",
                                "é", "ß", "中", "\u{2028}", "\u{FEFF}", "\u{FFFF}", "😀", "👩‍💻", "\u{10FFFF}", "e\u{301}"]
        return (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
    }

    /// Equal, except where `JSONParser` is right and `JSONSerialization` was not: negative
    /// 19-digit integers (a double before), fractions (several ulps off before), and U+FEFF opening a
    /// string or following an escape (dropped before).
    private static func sameAllowingNumberFixes(_ new: JSONValue, _ old: JSONValue) -> Bool {
        switch (new, old) {
        case (.integer(let integer), .number(let double)): return integer <= -1_000_000_000_000_000_000 && Double(integer) == double
        case (.number(let a), .number(let b)): return a == b || (a - b).magnitude <= a.magnitude * 1e-13
        case (.string(let a), .string(let b)): return withoutFEFF(a) == withoutFEFF(b)
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { sameAllowingNumberFixes($0, $1) }
        case (.object(let a), .object(let b)):
            let oldMembers = Dictionary(b.map { (withoutFEFF($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
            return a.count == b.count && a.allSatisfy { key, value in
                oldMembers[withoutFEFF(key)].map { sameAllowingNumberFixes(value, $0) } ?? false
            }
        default: return new == old
        }
    }

    private static func withoutFEFF(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\u{FEFF}" }))
    }

    /// The path of the first place two values differ, for a readable failure.
    private static func firstDifference(_ a: JSONValue, _ b: JSONValue, at path: String = "$") -> String? {
        switch (a, b) {
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return "\(path) (\(x.count) vs \(y.count) elements)" }
            for (index, pair) in zip(x, y).enumerated() {
                if let found = firstDifference(pair.0, pair.1, at: "\(path)[\(index)]") { return found }
            }
            return nil
        case (.object(let x), .object(let y)):
            guard Set(x.keys) == Set(y.keys) else { return "\(path) (names differ)" }
            for key in x.keys.sorted() {
                if let xv = x[key], let yv = y[key], let found = firstDifference(xv, yv, at: "\(path).\(key)") { return found }
            }
            return nil
        default:
            return a == b ? nil : "\(path): \(a) vs \(b)"
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
