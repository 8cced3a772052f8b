import TollgateModel

/// Reads the protobuf-JSON wire structs (``BundleWire``, the Rekor entry body) from TollgateModel's
/// byte-level ``JSONValue`` parser instead of `JSONDecoder`, which was about a tenth of the CPU of a
/// `verify-bundle --batch` bundle (docs/benchmarks.md, issue #13).
///
/// The readers mirror what `JSONDecoder` does with the synthesized `Decodable` of those structs:
/// an absent member or `null` is `nil`, unknown members are ignored, and a member of another type
/// is an error. They never decide a failure: any document they cannot read exactly as
/// `JSONDecoder` would (not parsed by ``JSONValue``, a member of an unexpected type, a number
/// that is not a plain integer) throws ``Mismatch``, and the caller decodes it with `JSONDecoder`
/// as before, so accepted documents give the same wire value and rejected ones the same error.
/// `JSONWireTests` checks both paths agree on every fixture bundle and on mutations of them.
enum JSONWire {
    /// The document needs `JSONDecoder`'s judgement.
    struct Mismatch: Error {}

    /// Parses `bytes` with ``JSONValue``, with a member name given twice left to `JSONDecoder`
    /// (which keeps the first, ``JSONValue`` the last). Both take UTF-8 only when well formed, and
    /// both keep a U+FEFF inside a string (`JSONSerialization` dropped one opening a string;
    /// `JSONDecoder` does not); `JSONWireTests` checks these cases.
    static func parse(_ bytes: [UInt8], maxBytes: Int, maxDepth: Int = JSONValue.maxDepth) throws(Mismatch) -> JSONValue {
        guard let value = try? JSONValue.parse(bytes, maxBytes: maxBytes, maxDepth: maxDepth, rejectingDuplicateNames: true) else {
            throw Mismatch()
        }
        return value
    }

    /// The members of a top-level object.
    static func members(_ value: JSONValue) throws(Mismatch) -> [String: JSONValue] {
        guard case .object(let members) = value else { throw Mismatch() }
        return members
    }

    /// An optional `String` member.
    static func string(_ value: JSONValue?) throws(Mismatch) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw Mismatch()
        }
    }

    /// An optional nested object member, read by `make`.
    static func object<T>(_ value: JSONValue?, _ make: ([String: JSONValue]) throws(Mismatch) -> T) throws(Mismatch) -> T? {
        switch value {
        case nil, .null?: return nil
        case .object(let members)?: return try make(members)
        default: throw Mismatch()
        }
    }

    /// An optional array member; its elements are not optional (`null` fails, as in `JSONDecoder`).
    static func array<T>(_ value: JSONValue?, _ element: (JSONValue) throws(Mismatch) -> T) throws(Mismatch) -> [T]? {
        switch value {
        case nil, .null?: return nil
        case .array(let elements)?:
            var result: [T] = []
            result.reserveCapacity(elements.count)
            for item in elements { result.append(try element(item)) }
            return result
        default: throw Mismatch()
        }
    }

    /// An array element that is an object.
    static func element<T>(_ value: JSONValue, _ make: ([String: JSONValue]) throws(Mismatch) -> T) throws(Mismatch) -> T {
        guard case .object(let members) = value else { throw Mismatch() }
        return try make(members)
    }

    /// An array element that is a string.
    static func elementString(_ value: JSONValue) throws(Mismatch) -> String {
        guard case .string(let text) = value else { throw Mismatch() }
        return text
    }

    /// An optional protobuf-JSON `int64` (``ProtoInt64``): a decimal string, or a JSON integer.
    /// A string that is not an `Int64` and a number with a fraction or exponent are left to
    /// `JSONDecoder` (the first is its error, the second its rounding rules).
    static func int64(_ value: JSONValue?) throws(Mismatch) -> ProtoInt64? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?:
            guard let parsed = Int64(text) else { throw Mismatch() }
            return ProtoInt64(parsed)
        case .integer(let number)?: return ProtoInt64(number)
        default: throw Mismatch()
        }
    }
}
