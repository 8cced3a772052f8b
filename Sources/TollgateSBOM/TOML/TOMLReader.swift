/// A small, limit-checked TOML 1.0 reader (https://toml.io/en/v1.0.0) for lockfiles.
///
/// It supports what lockfiles use: tables, arrays of tables, dotted and quoted keys, basic,
/// literal and multi-line strings, integers, floats, booleans, date-times (kept as text),
/// arrays and inline tables. It rejects duplicate keys and redefined tables, and bounds the
/// input size and nesting depth so hostile input cannot exhaust memory or the stack.
public struct TOMLReader: Sendable {
    /// Largest document accepted, in bytes.
    public var maximumBytes: Int
    /// Deepest nesting of inline arrays/tables accepted.
    public var maximumDepth: Int

    public init(maximumBytes: Int = 64 << 20, maximumDepth: Int = 64) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
    }

    /// Parses a TOML document and returns its root table.
    public func parse(_ bytes: [UInt8]) throws(SBOMError) -> [String: TOMLValue] {
        guard bytes.count <= maximumBytes else {
            throw SBOMError(.tooLarge, "TOML input must be at most \(maximumBytes) bytes; found \(bytes.count).")
        }
        var parser = TOMLParser(bytes: bytes, maximumDepth: maximumDepth)
        return try parser.parseDocument()
    }

    /// Parses a TOML document given as a string.
    public func parse(_ text: String) throws(SBOMError) -> [String: TOMLValue] {
        try parse(Array(text.utf8))
    }
}

/// A mutable table node used while building the document; converted to `TOMLValue` at the end.
private final class TOMLTableNode {
    enum Entry {
        case value(TOMLValue)
        case table(TOMLTableNode)
        case tableArray([TOMLTableNode])
    }
    var entries: [String: Entry] = [:]
    /// True when created by a `[header]` (so a second `[header]` is a redefinition).
    var explicitlyDefined = false
    /// True for inline tables and tables created by dotted keys in a key/value (frozen).
    var frozen = false

    func toValue() -> TOMLValue {
        var out: [String: TOMLValue] = [:]
        for (key, entry) in entries {
            switch entry {
            case .value(let value): out[key] = value
            case .table(let node): out[key] = node.toValue()
            case .tableArray(let nodes): out[key] = .array(nodes.map { $0.toValue() })
            }
        }
        return .table(out)
    }
}

private struct TOMLParser {
    let bytes: [UInt8]
    let maximumDepth: Int
    var index = 0
    var line = 1

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        // Skip a UTF-8 byte-order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    func fail(_ message: String) -> SBOMError {
        SBOMError(.invalidTOML, "TOML line \(line): \(message).")
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    mutating func parseDocument() throws(SBOMError) -> [String: TOMLValue] {
        let root = TOMLTableNode()
        var currentTable = root
        while true {
            skipWhitespaceCommentsAndNewlines()
            guard let byte = current else { break }
            if byte == UInt8(ascii: "[") {
                if peek(1) == UInt8(ascii: "[") {
                    index += 2
                    skipSpaces()
                    let key = try parseKey()
                    skipSpaces()
                    guard current == UInt8(ascii: "]"), peek(1) == UInt8(ascii: "]") else {
                        throw fail("expected ']]' to close an array-of-tables header")
                    }
                    index += 2
                    currentTable = try openArrayTable(root: root, key: key)
                } else {
                    index += 1
                    skipSpaces()
                    let key = try parseKey()
                    skipSpaces()
                    guard current == UInt8(ascii: "]") else { throw fail("expected ']' to close a table header") }
                    index += 1
                    currentTable = try openTable(root: root, key: key)
                }
            } else {
                try parseKeyValue(into: currentTable, depth: 0)
            }
            try expectEndOfLine()
        }
        return root.toValue().table ?? [:]
    }

    // MARK: tables

    func descend(from node: TOMLTableNode, segment: String) throws(SBOMError) -> TOMLTableNode {
        switch node.entries[segment] {
        case nil:
            let child = TOMLTableNode()
            node.entries[segment] = .table(child)
            return child
        case .table(let child)?:
            if child.frozen { throw fail("cannot extend the inline table '\(segment)'") }
            return child
        case .tableArray(let children)?:
            guard let last = children.last else { throw fail("empty array of tables '\(segment)'") }
            return last
        case .value?:
            throw fail("key '\(segment)' is already a value, not a table")
        }
    }

    func openTable(root: TOMLTableNode, key: [String]) throws(SBOMError) -> TOMLTableNode {
        var node = root
        for segment in key.dropLast() { node = try descend(from: node, segment: segment) }
        guard let last = key.last else { throw fail("empty table name") }
        switch node.entries[last] {
        case nil:
            let child = TOMLTableNode()
            child.explicitlyDefined = true
            node.entries[last] = .table(child)
            return child
        case .table(let child)?:
            if child.explicitlyDefined || child.frozen { throw fail("table '\(key.joined(separator: "."))' is defined twice") }
            child.explicitlyDefined = true
            return child
        default:
            throw fail("table '\(key.joined(separator: "."))' conflicts with an existing key")
        }
    }

    func openArrayTable(root: TOMLTableNode, key: [String]) throws(SBOMError) -> TOMLTableNode {
        var node = root
        for segment in key.dropLast() { node = try descend(from: node, segment: segment) }
        guard let last = key.last else { throw fail("empty table name") }
        let child = TOMLTableNode()
        child.explicitlyDefined = true
        switch node.entries[last] {
        case nil:
            node.entries[last] = .tableArray([child])
        case .tableArray(var children)?:
            children.append(child)
            node.entries[last] = .tableArray(children)
        default:
            throw fail("array of tables '\(key.joined(separator: "."))' conflicts with an existing key")
        }
        return child
    }

    // MARK: key/value

    mutating func parseKeyValue(into table: TOMLTableNode, depth: Int) throws(SBOMError) {
        let key = try parseKey()
        skipSpaces()
        guard current == UInt8(ascii: "=") else { throw fail("expected '=' after key '\(key.joined(separator: "."))'") }
        index += 1
        skipSpaces()
        let value = try parseValue(depth: depth)
        var node = table
        for segment in key.dropLast() {
            switch node.entries[segment] {
            case nil:
                let child = TOMLTableNode()
                node.entries[segment] = .table(child)
                node = child
            case .table(let child)?:
                if child.frozen || child.explicitlyDefined { throw fail("cannot add dotted key into table '\(segment)'") }
                node = child
            default:
                throw fail("key '\(segment)' is already defined")
            }
        }
        guard let last = key.last else { throw fail("empty key") }
        guard node.entries[last] == nil else { throw fail("key '\(key.joined(separator: "."))' is defined twice") }
        node.entries[last] = .value(value)
    }

    mutating func parseKey() throws(SBOMError) -> [String] {
        var segments: [String] = []
        while true {
            skipSpaces()
            guard let byte = current else { throw fail("expected a key, found end of input") }
            if byte == UInt8(ascii: "\"") {
                segments.append(try parseBasicString())
            } else if byte == UInt8(ascii: "'") {
                segments.append(try parseLiteralString())
            } else {
                let start = index
                while let b = current, isBareKeyByte(b) { index += 1 }
                guard index > start else { throw fail("expected a key, found '\(Character(UnicodeScalar(byte)))'") }
                segments.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipSpaces()
            if current == UInt8(ascii: ".") {
                index += 1
                continue
            }
            return segments
        }
    }

    func isBareKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F
    }

    // MARK: values

    mutating func parseValue(depth: Int) throws(SBOMError) -> TOMLValue {
        guard depth < maximumDepth else { throw SBOMError(.tooLarge, "TOML nesting deeper than \(maximumDepth) levels at line \(line).") }
        guard let byte = current else { throw fail("expected a value, found end of input") }
        switch byte {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") { return .string(try parseMultilineBasicString()) }
            return .string(try parseBasicString())
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") { return .string(try parseMultilineLiteralString()) }
            return .string(try parseLiteralString())
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "{"):
            return try parseInlineTable(depth: depth + 1)
        default:
            return try parseScalar()
        }
    }

    mutating func parseArray(depth: Int) throws(SBOMError) -> TOMLValue {
        index += 1
        var elements: [TOMLValue] = []
        while true {
            skipWhitespaceCommentsAndNewlines()
            guard let byte = current else { throw fail("unterminated array") }
            if byte == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            elements.append(try parseValue(depth: depth))
            skipWhitespaceCommentsAndNewlines()
            if current == UInt8(ascii: ",") {
                index += 1
            } else if current == UInt8(ascii: "]") {
                continue
            } else {
                throw fail("expected ',' or ']' in an array")
            }
        }
    }

    mutating func parseInlineTable(depth: Int) throws(SBOMError) -> TOMLValue {
        index += 1
        let node = TOMLTableNode()
        skipWhitespaceCommentsAndNewlines()
        if current == UInt8(ascii: "}") {
            index += 1
            return .table([:])
        }
        while true {
            skipWhitespaceCommentsAndNewlines()
            try parseKeyValue(into: node, depth: depth)
            skipWhitespaceCommentsAndNewlines()
            guard let byte = current else { throw fail("unterminated inline table") }
            if byte == UInt8(ascii: ",") {
                index += 1
                skipWhitespaceCommentsAndNewlines()
                // Tolerate a trailing comma (TOML 1.1 allows it; uv writes none, but be lenient).
                if current == UInt8(ascii: "}") {
                    index += 1
                    return node.toValue()
                }
            } else if byte == UInt8(ascii: "}") {
                index += 1
                return node.toValue()
            } else {
                throw fail("expected ',' or '}' in an inline table")
            }
        }
    }

    mutating func parseScalar() throws(SBOMError) -> TOMLValue {
        let start = index
        while let b = current, isScalarByte(b) { index += 1 }
        // A date-time may have a space between date and time: "1979-05-27 07:32:00Z".
        if index - start == 10, current == UInt8(ascii: " "),
           let d1 = peek(1), let d2 = peek(2), peek(3) == UInt8(ascii: ":"),
           isDigit(d1), isDigit(d2) {
            index += 1
            while let b = current, isScalarByte(b) { index += 1 }
        }
        guard index > start else {
            throw fail("expected a value, found '\(Character(UnicodeScalar(bytes[start])))'")
        }
        let token = String(decoding: bytes[start..<index], as: UTF8.self)
        switch token {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-Double.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        let cleaned = token.replacingOccurrences(of: "_", with: "")
        if cleaned.hasPrefix("0x"), let value = Int64(cleaned.dropFirst(2), radix: 16) { return .integer(value) }
        if cleaned.hasPrefix("0o"), let value = Int64(cleaned.dropFirst(2), radix: 8) { return .integer(value) }
        if cleaned.hasPrefix("0b"), let value = Int64(cleaned.dropFirst(2), radix: 2) { return .integer(value) }
        if let value = Int64(cleaned) { return .integer(value) }
        if cleaned.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let value = Double(cleaned) { return .float(value) }
        let looksLikeDate = token.count >= 8 && token.first.map { $0.isNumber } == true
            && (token.contains("-") || token.contains(":"))
        if looksLikeDate { return .datetime(token) }
        throw fail("'\(token.prefix(40))' is not a TOML value")
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    func isScalarByte(_ b: UInt8) -> Bool {
        isBareKeyByte(b) || b == UInt8(ascii: "+") || b == UInt8(ascii: ".") || b == UInt8(ascii: ":")
    }

    // MARK: strings

    mutating func parseBasicString() throws(SBOMError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw fail("unterminated string") }
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if byte == 0x0A { throw fail("newline inside a single-line string") }
            if byte == UInt8(ascii: "\\") {
                try parseEscape(into: &out)
                continue
            }
            out.append(byte)
            index += 1
        }
    }

    mutating func parseMultilineBasicString() throws(SBOMError) -> String {
        index += 3
        if current == 0x0A { index += 1; line += 1 } else if current == 0x0D, peek(1) == 0x0A { index += 2; line += 1 }
        var out: [UInt8] = []
        while true {
            guard let byte = current else { throw fail("unterminated multi-line string") }
            if byte == UInt8(ascii: "\""), peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                index += 3
                // Up to two quotes may directly precede the closing delimiter.
                var extra = 0
                while current == UInt8(ascii: "\""), extra < 2 { out.append(byte); index += 1; extra += 1 }
                return String(decoding: out, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                // A line-ending backslash trims the newline and following whitespace.
                var probe = index + 1
                while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                if probe < bytes.count, bytes[probe] == 0x0A || bytes[probe] == 0x0D {
                    index = probe
                    while let b = current, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                        if b == 0x0A { line += 1 }
                        index += 1
                    }
                    continue
                }
                try parseEscape(into: &out)
                continue
            }
            if byte == 0x0A { line += 1 }
            out.append(byte)
            index += 1
        }
    }

    mutating func parseLiteralString() throws(SBOMError) -> String {
        index += 1
        let start = index
        while let byte = current, byte != UInt8(ascii: "'") {
            if byte == 0x0A { throw fail("newline inside a single-line literal string") }
            index += 1
        }
        guard current != nil else { throw fail("unterminated literal string") }
        let value = String(decoding: bytes[start..<index], as: UTF8.self)
        index += 1
        return value
    }

    mutating func parseMultilineLiteralString() throws(SBOMError) -> String {
        index += 3
        if current == 0x0A { index += 1; line += 1 } else if current == 0x0D, peek(1) == 0x0A { index += 2; line += 1 }
        let start = index
        while true {
            guard let byte = current else { throw fail("unterminated multi-line literal string") }
            if byte == UInt8(ascii: "'"), peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                var end = index
                index += 3
                var extra = 0
                while current == UInt8(ascii: "'"), extra < 2 { index += 1; end += 1; extra += 1 }
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            if byte == 0x0A { line += 1 }
            index += 1
        }
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(SBOMError) {
        index += 1
        guard let escape = current else { throw fail("unterminated escape") }
        index += 1
        switch escape {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "e"): out.append(0x1B)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = escape == UInt8(ascii: "u") ? 4 : 8
            guard index + count <= bytes.count,
                  let value = UInt32(String(decoding: bytes[index..<index + count], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(value) else {
                throw fail("invalid unicode escape")
            }
            index += count
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw fail("invalid escape '\\\(Character(UnicodeScalar(escape)))'")
        }
    }

    // MARK: whitespace

    mutating func skipSpaces() {
        while let b = current, b == 0x20 || b == 0x09 { index += 1 }
    }

    mutating func skipWhitespaceCommentsAndNewlines() {
        while let b = current {
            if b == 0x20 || b == 0x09 || b == 0x0D {
                index += 1
            } else if b == 0x0A {
                index += 1
                line += 1
            } else if b == UInt8(ascii: "#") {
                while let c = current, c != 0x0A { index += 1 }
            } else {
                return
            }
        }
    }

    mutating func expectEndOfLine() throws(SBOMError) {
        skipSpaces()
        if current == UInt8(ascii: "#") {
            while let c = current, c != 0x0A { index += 1 }
        }
        if current == 0x0D { index += 1 }
        guard let byte = current else { return }
        guard byte == 0x0A else { throw fail("expected the end of the line, found '\(Character(UnicodeScalar(byte)))'") }
        index += 1
        line += 1
    }
}
