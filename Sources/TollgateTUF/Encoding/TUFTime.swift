import Foundation
import TollgateModel

/// The `expires` timestamps of TUF metadata (spec §4.2: ISO 8601 `YYYY-MM-DDTHH:MM:SSZ`).
///
/// Real repositories write more than the spec's form: Sigstore's root v1 expires
/// `2021-12-18T13:28:12.99008-06:00` and roots v2/v3 carry nanoseconds, so RFC 3339 fractions and
/// offsets are accepted. Nothing else is (no week dates, no missing seconds).
enum TUFTime {
    /// The instant `text` names, or `nil` when it is not an RFC 3339 date-time.
    static func parse(_ text: String) -> Date? {
        InstantText.parse(text)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for reports.
    static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3600, 2)):\(pad(rest % 3600 / 60, 2)):\(pad(rest % 60, 2))Z"
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
