import Foundation

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
        if let date = utcSeconds(text) { return date }
        let plain = Date.ISO8601FormatStyle()
        if let date = try? plain.parse(text) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return try? fractional.parse(text)
    }

    /// The common form, `YYYY-MM-DDTHH:MM:SSZ` with an optional all-zero fraction (`.000Z`, as
    /// trusted roots write it), read directly: the first use of `ISO8601FormatStyle` was ~10% of
    /// the serial start of a `verify-bundle` (docs/benchmarks.md, issue #13). Anything else,
    /// including a non-zero fraction or a leap second, is `nil` here and goes to the format styles,
    /// so this accepts no text they refuse and gives the same instant for the texts it reads
    /// (`TimeRangeTests`).
    static func utcSeconds(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                  bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[bytes.count - 1] == UInt8(ascii: "Z") else { return nil }
            func number(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for index in from..<(from + count) {
                    let byte = bytes[index]
                    guard byte >= 0x30 && byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            // After the seconds: "Z", or "." + one or more zeros + "Z".
            if bytes.count > 20 {
                guard bytes[19] == UInt8(ascii: "."), bytes.count > 21 else { return nil }
                for index in 20..<(bytes.count - 1) where bytes[index] != UInt8(ascii: "0") { return nil }
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  year >= 1, (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return nil }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard (1...monthDays[month - 1]).contains(day) else { return nil }
            // Days since 1970-01-01 of the proleptic Gregorian date (civil-from-days inverted).
            let shiftedYear = month <= 2 ? year - 1 : year
            let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
            let yearOfEra = shiftedYear - era * 400
            let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            let days = era * 146_097 + dayOfEra - 719_468
            return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3_600 + minute * 60 + second))
        }
    }
}
