import Foundation

/// An arbitrary JSON value, for documents whose shape Tollgate does not fix (in-toto predicates,
/// SBOM extensions, policy inputs).
///
/// Integers that fit in `Int64` stay exact (`.integer`); other numbers are `.number(Double)`.
/// Objects keep no key order: encoding with `JSONEncoder` and `.sortedKeys` is deterministic.
/// RFC 8259: <https://www.rfc-editor.org/rfc/rfc8259>
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The maximum nesting depth `parse` accepts: deeper documents are rejected, not recursed into.
    public static let maxDepth = 128
    /// The default size cap of `parse`: 16 MiB.
    public static let defaultMaxBytes = 16 << 20

    public init(from decoder: any Decoder) throws {
        guard decoder.codingPath.count <= Self.maxDepth else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "JSON nested deeper than \(Self.maxDepth) levels"))
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            // Decode the object last and without `try?` so a nested error (such as depth) surfaces.
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses JSON bytes with a size cap and a depth cap (`maxDepth`).
    ///
    /// Through `JSONParser`, byte by byte straight into `JSONValue`: `JSONSerialization` and a
    /// conversion of its `Any` tree were most of a gate decision over a large attested SBOM; for the
    /// 380 KiB dropwizard CycloneDX SBOM (release build) they took 5–20 ms, `JSONParser` 1.1–2.3 ms.
    /// `JSONParser` lists what it accepts.
    ///
    /// `maxDepth` may be lowered below ``maxDepth`` (128). In an object with a member name twice the
    /// last one wins, or, with `rejectingDuplicateNames`, the document is an error (for readers that
    /// must agree with `JSONDecoder`, which keeps the first).
    public static func parse(_ bytes: some DataProtocol, maxBytes: Int = defaultMaxBytes, maxDepth: Int = JSONValue.maxDepth,
                             rejectingDuplicateNames: Bool = false) throws(ModelError) -> JSONValue {
        guard bytes.count <= maxBytes else {
            throw ModelError(.tooLarge, "JSON document is \(bytes.count) bytes, over the \(maxBytes)-byte limit")
        }
        return try JSONParser.parse(bytes, maxDepth: min(maxDepth, JSONValue.maxDepth), rejectingDuplicateNames: rejectingDuplicateNames)
    }

    /// Compact JSON with sorted keys (deterministic, not RFC 8785 canonical).
    public func encodedBytes(pretty: Bool = false) -> [UInt8] {
        guard pretty else {
            // Written straight to bytes (`JSONText`), the same bytes `JSONEncoder` gives.
            var out: [UInt8] = []
            out.reserveCapacity(1 << 12)
            JSONText.appendCompact(self, into: &out)
            return out
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        // Encoding a JSONValue cannot fail except for non-finite doubles, which parsing never yields.
        return (try? Array(encoder.encode(self))) ?? Array("null".utf8)
    }

    // MARK: Accessors

    /// The member `key` of an object, or `nil`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array, or `nil` when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var intValue: Int64? {
        switch self {
        case .integer(let value): return value
        case .number(let value) where value.rounded() == value && abs(value) < 9.0e18: return Int64(value)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
