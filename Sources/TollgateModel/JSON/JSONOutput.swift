import Foundation

/// The one JSON encoder used for every versioned report, so key order and date format never drift:
/// the CLI's `--format json` output, the REST API's responses and the ledger's entry payloads.
public enum JSONOutput {
    /// Pretty, key-sorted JSON with ISO 8601 dates (reports and API responses).
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        try encoder(pretty: true).encode(value)
    }

    /// The same JSON without white space (ledger payloads: equal values give equal bytes).
    public static func compact<T: Encodable>(_ value: T) throws -> Data {
        try encoder(pretty: false).encode(value)
    }

    private static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
