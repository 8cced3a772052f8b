import TollgateModel

/// OLPC canonical JSON as securesystemslib writes it (`securesystemslib.formats.encode_canonical`),
/// the bytes every TUF signature covers.
///
/// <http://wiki.laptop.org/go/Canonical_JSON>: objects with keys sorted by code point, no
/// whitespace, integers only, and strings escaped for `\` and `"` alone — every other byte,
/// control characters and the newlines inside PEM keys included, is written raw as UTF-8.
/// A normal JSON encoder escapes those newlines, which makes every root signature over a PEM key fail.
public enum CanonicalJSON {
    /// The canonical bytes of `value`, or `tuf.not-canonical` for a float (OLPC allows integers only).
    public static func encode(_ value: JSONValue) throws(TUFError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        try append(value, into: &out)
        return out
    }

    private static func append(_ value: JSONValue, into out: inout [UInt8]) throws(TUFError) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let number): out.append(contentsOf: String(number).utf8)
        case .number(let number):
            throw TUFError(.notCanonical, "canonical JSON has integers only; found the number \(number)")
        case .string(let text): appendString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try append(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // Python sorts str keys by code point; UTF-8 byte order is the same order.
            let keys = members.keys.map { (key: $0, bytes: Array($0.utf8)) }
                .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
            for (index, entry) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(entry.key, into: &out)
                out.append(UInt8(ascii: ":"))
                // The key came from `members`, so the lookup always succeeds.
                try append(members[entry.key] ?? .null, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func appendString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
