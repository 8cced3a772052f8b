import Foundation

/// A byte-level RFC 8259 parser that builds `JSONValue` in one pass over a contiguous buffer.
///
/// It replaced `JSONSerialization` plus a conversion of its `Any` tree, which was most of a gate
/// decision over a large attested SBOM. It gives the same values on every JSON document in the
/// repository's fixtures (`JSONParserTests`), with these deliberate differences, each a place where
/// the old path was wrong:
/// - every integer that fits in `Int64` is `.integer`; Foundation turned every negative integer of
///   19 digits (-10^18 down to Int64.min) into a lossy double;
/// - numbers with a fraction or exponent are correctly rounded (`Double(_:)`); Foundation's
///   decimal path was off by one or more ulps for some 17-digit fractions;
/// - a trailing comma (`[1,]`, `{"a":1,}`) is an error (RFC 8259 §4–5); Foundation on Linux took it;
/// - a NUL byte before or after a top-level number is an error; Foundation ignored it and what followed;
/// - U+FEFF opening a string, or right after an escape, is kept; Foundation dropped it (it read
///   each run as if it might start with a byte order mark).
///
/// Kept as before: a number with neither fraction nor exponent that does not fit in `Int64` is
/// `.number`; `-0` is `.integer(0)` and `-0.0` is `.number(-0.0)`; a number too large for a
/// finite `Double` is an error; top-level scalars are allowed; one leading UTF-8 byte order mark
/// is skipped; in an object with duplicate names the last member wins; nesting deeper than
/// `maxDepth` is an error, found before recursing any deeper (with `rejectingDuplicateNames`, a
/// duplicate name is an error instead).
/// RFC 8259: <https://www.rfc-editor.org/rfc/rfc8259>
struct JSONParser {
    /// Parses a whole document: one value, with optional white space around it.
    static func parse(_ bytes: some DataProtocol, maxDepth: Int, rejectingDuplicateNames: Bool = false) throws(ModelError) -> JSONValue {
        let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
            parseResult(buffer, maxDepth: maxDepth, rejectingDuplicateNames: rejectingDuplicateNames)
        }
        if let contiguous { return try contiguous.get() }
        return try Array(bytes).withUnsafeBufferPointer { buffer in
            parseResult(buffer, maxDepth: maxDepth, rejectingDuplicateNames: rejectingDuplicateNames)
        }.get()
    }

    private static func parseResult(_ buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int, rejectingDuplicateNames: Bool) -> Result<JSONValue, ModelError> {
        var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
        parser.rejectDuplicateNames = rejectingDuplicateNames
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var rejectDuplicateNames = false
    private var index = 0
    /// Reused for strings with escapes, so each one does not allocate its own buffer.
    private var scratch: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private mutating func parseDocument() throws(ModelError) -> JSONValue {
        // RFC 8259 §8.1: implementations MAY ignore a byte order mark. Foundation did, at the start.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw failure("expected the end of the document") }
        return value
    }

    // MARK: Values

    /// Parses the value at `index`; `depth` is the number of containers around it.
    private mutating func parseValue(depth: Int) throws(ModelError) -> JSONValue {
        guard index < bytes.count else { throw failure("expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("expected a value")
        }
    }

    private mutating func parseObject(depth: Int) throws(ModelError) -> JSONValue {
        if try openContainer(depth: depth, closing: UInt8(ascii: "}")) { return .object([:]) }
        var members: [String: JSONValue] = [:]
        repeat {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name string") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            // Duplicate names (RFC 8259 §4 says SHOULD be unique): the last one wins, as in
            // JSONSerialization (JSONDecoder keeps the first), unless they are rejected.
            let valueStart = index
            if members.updateValue(try parseValue(depth: depth), forKey: key) != nil, rejectDuplicateNames {
                throw ModelError(.invalidJSON, "not accepted here: the member name \"\(key.prefix(40))\" appears twice (value at byte \(valueStart))")
            }
        } while try !closeOrContinue(closing: UInt8(ascii: "}"))
        return .object(members)
    }

    private mutating func parseArray(depth: Int) throws(ModelError) -> JSONValue {
        if try openContainer(depth: depth, closing: UInt8(ascii: "]")) { return .array([]) }
        var elements: [JSONValue] = []
        repeat {
            elements.append(try parseValue(depth: depth))
        } while try !closeOrContinue(closing: UInt8(ascii: "]"))
        return .array(elements)
    }

    /// Steps over the opening bracket at `index`; `true` when the container is empty (and closed).
    private mutating func openContainer(depth: Int, closing: UInt8) throws(ModelError) -> Bool {
        try checkDepth(depth)
        index += 1
        skipWhitespace()
        guard index < bytes.count, bytes[index] == closing else { return false }
        index += 1
        return true
    }

    /// After a member or element: `true` at the closing bracket, `false` at a comma (another
    /// member or element must follow: RFC 8259 has no trailing comma).
    private mutating func closeOrContinue(closing: UInt8) throws(ModelError) -> Bool {
        skipWhitespace()
        if index < bytes.count {
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                return false
            }
            if bytes[index] == closing {
                index += 1
                return true
            }
        }
        throw failure("expected ',' or '\(Character(Unicode.Scalar(closing)))'")
    }

    private func checkDepth(_ depth: Int) throws(ModelError) {
        guard depth <= maxDepth else {
            throw ModelError(.invalidJSON, "JSON nests deeper than \(maxDepth) levels (at byte \(index))")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(ModelError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for offset in 0..<count {
            guard index < bytes.count, bytes[index] == start[offset] else { throw failure("expected '\(literal)'") }
            index += 1
        }
    }

    // MARK: Numbers

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws(ModelError) -> JSONValue {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let integerStart = index
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw failure("expected no leading zero") }
        } else {
            skipDigits()
        }
        let integerEnd = index
        var integral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit after '.'") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("expected a digit in the exponent") }
            skipDigits()
        }
        if integral, let integer = Self.integer(UnsafeBufferPointer(rebasing: bytes[integerStart..<integerEnd]), negative: negative) {
            return .integer(integer)
        }
        // The grammar is checked above, so only RFC 8259 numbers reach `Double(_:)` (correctly rounded).
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw ModelError(.invalidJSON, "not valid JSON: number \(text) at byte \(start) is too large for a double")
        }
        return .number(number)
    }

    /// The digits as an `Int64`, or `nil` when the value does not fit.
    private static func integer(_ digits: UnsafeBufferPointer<UInt8>, negative: Bool) -> Int64? {
        guard digits.count <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for digit in digits {
            // 19 decimal digits stay below UInt64.max (about 1.8e19): no overflow.
            magnitude = magnitude &* 10 &+ UInt64(digit &- UInt8(ascii: "0"))
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    // MARK: Strings

    /// Parses the string whose opening quote is at `index`.
    ///
    /// RFC 8259 §7: control characters (below U+0020) MUST be escaped; §8.1: text MUST be UTF-8.
    /// A string without escapes becomes a `String` straight from its validated bytes.
    private mutating func parseString() throws(ModelError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            index = skipPlainWords(from: index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                return try parseEscapedString()
            }
            if byte < 0x20 { throw failure("expected an escape, not a raw control character, in a string") }
            if byte < 0x80 {
                index += 1
            } else {
                index = try validateUTF8Sequence(at: index)
            }
        }
        throw failure("expected '\"' to end the string")
    }

    /// The index of the first 8-byte word at or after `start` holding a byte that the string loop
    /// must look at (a quote, a backslash, a control character or a non-ASCII byte), or of the
    /// last whole word's end. Plain ASCII runs, such as the base64 of certificates and log
    /// entries, are skipped a word at a time (docs/benchmarks.md, issue #13). Each test below is
    /// the usual "a byte of `word` is zero / below n" bit trick: it never misses a byte, and a
    /// word it flags is left to the byte loop, which decides.
    private func skipPlainWords(from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while bytes.count - index >= 8 {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                | (word &- ones &* 0x20) & ~word | word
            if special & highs != 0 { break }
            index += 8
        }
        return index
    }

    /// The rest of a string from its first backslash, decoded into `scratch`.
    private mutating func parseEscapedString() throws(ModelError) -> String {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape()
            case 0..<0x20:
                throw failure("expected an escape, not a raw control character, in a string")
            case 0x20..<0x80:
                scratch.append(byte)
                index += 1
            default:
                let end = try validateUTF8Sequence(at: index)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
            }
        }
        throw failure("expected '\"' to end the string")
    }

    /// Decodes the escape whose backslash is at `index` into `scratch`.
    private mutating func parseEscape() throws(ModelError) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else { throw failure("expected an escape character") }
        let decoded: UInt8
        switch bytes[index] {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            index += 1
            let unit = try parseHex4()
            var scalarValue = UInt32(unit)
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw ModelError(.invalidJSON, "not valid JSON: low surrogate \\u\(hex(unit)) without a high surrogate at byte \(escapeStart)")
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                // RFC 8259 §7: a character outside the BMP is a UTF-16 surrogate pair of escapes.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw ModelError(.invalidJSON, "not valid JSON: high surrogate \\u\(hex(unit)) at byte \(escapeStart) is not followed by a \\u low surrogate")
                }
                index += 2
                let low = try parseHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw ModelError(.invalidJSON, "not valid JSON: high surrogate \\u\(hex(unit)) at byte \(escapeStart) is followed by \\u\(hex(low)), not a low surrogate")
                }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            }
            appendUTF8(scalarValue)
            return
        default:
            throw failure("expected one of \" \\ / b f n r t u after '\\'")
        }
        scratch.append(decoded)
        index += 1
    }

    /// Four hex digits at `index`, consumed.
    private mutating func parseHex4() throws(ModelError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw failure("expected four hex digits after '\\u'") }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("expected four hex digits after '\\u'")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// Checks the multi-byte UTF-8 sequence starting at `start` (a byte ≥ 0x80) and returns the index
    /// after it. Well-formed sequences per Unicode Table 3-7: no overlong forms, no surrogates, at
    /// most U+10FFFF.
    private func validateUTF8Sequence(at start: Int) throws(ModelError) -> Int {
        let lead = bytes[start]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw invalidUTF8(at: start)
        }
        guard bytes.count - start >= length else { throw invalidUTF8(at: start) }
        let second = bytes[start + 1]
        guard second >= low && second <= high else { throw invalidUTF8(at: start) }
        for offset in 2..<max(2, length) {
            guard bytes[start + offset] & 0xC0 == 0x80 else { throw invalidUTF8(at: start) }
        }
        return start + length
    }

    /// Appends the UTF-8 form of a scalar value (never a surrogate, at most U+10FFFF).
    private mutating func appendUTF8(_ value: UInt32) {
        switch value {
        case 0..<0x80:
            scratch.append(UInt8(truncatingIfNeeded: value))
        case 0x80..<0x800:
            scratch.append(0xC0 | UInt8(truncatingIfNeeded: value >> 6))
            scratch.append(0x80 | UInt8(truncatingIfNeeded: value) & 0x3F)
        case 0x800..<0x10000:
            scratch.append(0xE0 | UInt8(truncatingIfNeeded: value >> 12))
            scratch.append(0x80 | UInt8(truncatingIfNeeded: value >> 6) & 0x3F)
            scratch.append(0x80 | UInt8(truncatingIfNeeded: value) & 0x3F)
        default:
            scratch.append(0xF0 | UInt8(truncatingIfNeeded: value >> 18))
            scratch.append(0x80 | UInt8(truncatingIfNeeded: value >> 12) & 0x3F)
            scratch.append(0x80 | UInt8(truncatingIfNeeded: value >> 6) & 0x3F)
            scratch.append(0x80 | UInt8(truncatingIfNeeded: value) & 0x3F)
        }
    }

    private func invalidUTF8(at start: Int) -> ModelError {
        ModelError(.invalidJSON, "not valid JSON: invalid UTF-8 sequence at byte \(start)")
    }

    // MARK: Helpers

    /// RFC 8259 §2: insignificant white space is space, tab, line feed and carriage return.
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// "not valid JSON: expected … at byte N", naming what stands there instead.
    private func failure(_ expected: String) -> ModelError {
        let found: String
        if index >= bytes.count {
            found = "the end of the input"
        } else {
            let byte = bytes[index]
            found = byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hex(byte))"
        }
        return ModelError(.invalidJSON, "not valid JSON: \(expected) at byte \(index), found \(found)")
    }

    private func hex(_ value: some FixedWidthInteger) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        let width = value.bitWidth / 4
        return (digits.count < width ? String(repeating: "0", count: width - digits.count) : "") + digits
    }
}
