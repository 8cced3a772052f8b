import Foundation
import TollgateModel

/// `dev.sigstore.common.v1.TimeRange`: a closed interval `[start, end]`; a missing end means
/// "still valid". A missing start is malformed (sigstore-conformance
/// `trust-root-tlog-missing-validity-start_fail`), never "valid since forever".
public struct TimeRange: Sendable, Equatable {
    public let start: Date
    public let end: Date?

    public init(start: Date, end: Date?) {
        self.start = start
        self.end = end
    }

    /// Closed-interval membership: both ends count as inside.
    public func contains(_ date: Date) -> Bool {
        date >= start && (end.map { date <= $0 } ?? true)
    }

    /// Parses an RFC 3339 timestamp as protobuf-JSON writes `google.protobuf.Timestamp`.
    static func parseTimestamp(_ text: String) -> Date? {
        // TollgateModel's RFC 3339 reader first for whole seconds (or an all-zero fraction): Foundation's
        // format styles cost ~10% of the serial start of a `verify-bundle --trusted-root` at their first
        // use (docs/benchmarks.md). A fraction with other digits still goes to Foundation, whose rounding
        // of it the compiled-in roots were generated with (`ShippedTrustedRootTests`).
        if !Self.hasSignificantFraction(text), let date = InstantText.parse(text) { return date }
        let plain = Date.ISO8601FormatStyle()
        if let date = try? plain.parse(text) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return try? fractional.parse(text)
    }

    /// Whether `text` has a fraction of a second with a non-zero digit.
    static func hasSignificantFraction(_ text: String) -> Bool {
        var inFraction = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if inFraction {
                guard byte >= 0x30 && byte <= 0x39 else { return false }
                if byte != 0x30 { return true }
            }
        }
        return false
    }
}
