import TollgateModel

/// A JSON value with a deterministic serialisation (object keys sorted by UTF-8 bytes,
/// two-space indentation, `/` not escaped), written directly to bytes.
///
/// Foundation's `JSONSerialization` with `.sortedKeys` bridges every value to `NSDictionary` on
/// Linux and dominated SBOM writing time (over half of a 10,000-component run), so the writers
/// build this tree instead.
enum JSONNode {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONNode])
    case object([(String, JSONNode)])

    /// Builds an object from a dictionary (keys are sorted when written).
    static func object(_ pairs: [String: JSONNode]) -> JSONNode {
        .object(Array(pairs))
    }

    func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(into: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .string(let value):
            JSONNode.writeString(value, into: &out)
        case .int(let value):
            out.append(contentsOf: Array(String(value).utf8))
        case .bool(let value):
            out.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
        case .array(let elements):
            if elements.isEmpty {
                out.append(contentsOf: [0x5B, 0x5D])
                return
            }
            out.append(0x5B)
            for (index, element) in elements.enumerated() {
                out.append(0x0A)
                JSONNode.pad(&out, indent + 2)
                element.write(into: &out, indent: indent + 2)
                if index < elements.count - 1 { out.append(0x2C) }
            }
            out.append(0x0A)
            JSONNode.pad(&out, indent)
            out.append(0x5D)
        case .object(let pairs):
            if pairs.isEmpty {
                out.append(contentsOf: [0x7B, 0x7D])
                return
            }
            let sorted = pairs.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            out.append(0x7B)
            for (index, pair) in sorted.enumerated() {
                out.append(0x0A)
                JSONNode.pad(&out, indent + 2)
                JSONNode.writeString(pair.0, into: &out)
                out.append(contentsOf: [0x3A, 0x20])
                pair.1.write(into: &out, indent: indent + 2)
                if index < sorted.count - 1 { out.append(0x2C) }
            }
            out.append(0x0A)
            JSONNode.pad(&out, indent)
            out.append(0x7D)
        }
    }

    private static func pad(_ out: inout [UInt8], _ count: Int) {
        out.append(contentsOf: repeatElement(0x20, count: count))
    }

    /// RFC 8259 string escaping: quote, backslash and control characters (one implementation, `JSONText`).
    private static func writeString(_ value: String, into out: inout [UInt8]) {
        JSONText.appendString(value, into: &out)
    }
}
