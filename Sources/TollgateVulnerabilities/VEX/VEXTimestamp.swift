import Foundation

/// RFC 3339 `date-time` values, as OpenVEX (`timestamp`, `last_updated`) and CycloneDX (`metadata.timestamp`,
/// `analysis.firstIssued`, `analysis.lastUpdated`, `published`, `updated`) write them.
///
/// RFC 3339 §5.6: `full-date "T" full-time`, where `full-time = partial-time time-offset`,
/// `time-secfrac = "." 1*DIGIT` and `time-offset = "Z" / ("+" / "-") time-hour ":" time-minute`; "T" and "Z"
/// may be lower case. Parsed by hand rather than with `ISO8601DateFormatter`, which rejects the nanosecond
/// fractions OpenVEX tools write (`2023-12-05T05:04:34.77929922Z`) and is slow on Linux.
enum VEXTimestamp {
    /// The instant `text` names, or nil when it is not an RFC 3339 `date-time`.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var cursor = 0

        func digits(_ count: Int) -> Int? {
            guard cursor + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[cursor..<cursor + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            cursor += count
            return value
        }
        func expect(_ allowed: UInt8...) -> Bool {
            guard cursor < bytes.count, allowed.contains(bytes[cursor]) else { return false }
            cursor += 1
            return true
        }

        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
              let day = digits(2), expect(UInt8(ascii: "T"), UInt8(ascii: "t")),
              let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2), expect(UInt8(ascii: ":")),
              let second = digits(2) else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 60 else { return nil }

        var fraction = 0.0
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") {
            cursor += 1
            var scale = 0.1
            var count = 0
            while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") {
                // Digits past nanoseconds are valid but below what a `Date` can hold.
                if count < 9 { fraction += Double(bytes[cursor] - UInt8(ascii: "0")) * scale }
                scale /= 10
                count += 1
                cursor += 1
            }
            guard count > 0 else { return nil }
        }

        var offset = 0
        if expect(UInt8(ascii: "Z"), UInt8(ascii: "z")) {
            offset = 0
        } else if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "+") || bytes[cursor] == UInt8(ascii: "-") {
            let sign = bytes[cursor] == UInt8(ascii: "-") ? -1 : 1
            cursor += 1
            guard let offsetHour = digits(2), expect(UInt8(ascii: ":")), let offsetMinute = digits(2),
                  offsetHour <= 23, offsetMinute <= 59 else { return nil }
            offset = sign * (offsetHour * 3600 + offsetMinute * 60)
        } else {
            return nil
        }
        guard cursor == bytes.count else { return nil }

        // A leap second (`:60`) is read as the first instant of the next minute.
        let seconds = daysSinceEpoch(year: year, month: month, day: day) * 86_400
            + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date: whole 400-year eras (146,097 days each)
    /// counted from 0000-03-01, so that the leap day falls at the end of a year.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
