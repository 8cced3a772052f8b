import Foundation

/// The one JSON encoder used for every versioned report, so key order and date format never drift:
/// the CLI's `--format json` output and the REST API's responses (ledger payloads use `LedgerJSON`).
public enum JSONOutput {
    /// Pretty, key-sorted JSON with ISO 8601 dates.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }
}
