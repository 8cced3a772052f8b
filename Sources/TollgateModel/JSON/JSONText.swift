import Foundation

/// Byte-level JSON output shared by every writer in the package: RFC 8259 string escaping and the
/// compact, sorted-key serialisation of `JSONValue`.
///
/// The compact form is byte-for-byte what `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
/// writes (keys in UTF-8 byte order; `"`, `\`, and control characters escaped; `/` and non-ASCII
/// kept), tested against it, but written straight to bytes: `JSONEncoder` took 13 ms for a
/// 1,000-component SBOM predicate, a tenth of a gate decision (docs/benchmarks.md, GateBench).
public enum JSONText {
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `value` as a quoted, escaped JSON string.
    public static func appendString(_ value: String, into out: inout [UInt8]) {
        out.append(0x22)
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                runStart = index + 1
                switch byte {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case 0x08: out.append(contentsOf: [0x5C, 0x62])
                case 0x0C: out.append(contentsOf: [0x5C, 0x66])
                default: out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        out.append(0x22)
    }

    /// Appends the compact, sorted-key serialisation of `value`.
    static func appendCompact(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(true): out.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        case .bool(false): out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .integer(let number): appendInteger(number, into: &out)
        case .number(let number): appendDouble(number, into: &out)
        case .string(let text): appendString(text, into: &out)
        case .array(let elements):
            out.append(0x5B)
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(0x2C) }
                appendCompact(element, into: &out)
            }
            out.append(0x5D)
        case .object(let members):
            out.append(0x7B)
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(0x2C) }
                appendString(key, into: &out)
                out.append(0x3A)
                appendCompact(members[key]!, into: &out)
            }
            out.append(0x7D)
        }
    }

    private static func appendInteger(_ number: Int64, into out: inout [UInt8]) {
        if number == 0 {
            out.append(0x30)
            return
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var magnitude = number.magnitude
        while magnitude > 0 {
            digits.append(0x30 + UInt8(magnitude % 10))
            magnitude /= 10
        }
        if number < 0 { out.append(0x2D) }
        out.append(contentsOf: digits.reversed())
    }

    /// Non-integral numbers are rare in the documents Tollgate reads; they take `JSONEncoder`'s exact
    /// spelling ("1e-07", "-0"), one value at a time.
    private static func appendDouble(_ number: Double, into out: inout [UInt8]) {
        guard number.isFinite, let encoded = try? JSONEncoder().encode([number]), encoded.count > 2 else {
            out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            return
        }
        out.append(contentsOf: encoded.dropFirst().dropLast())
    }
}
