import Foundation

/// RFC 3339 UTC to the second (`2026-06-15T12:00:00Z`), as `ISO8601DateFormatter()` writes it,
/// without creating one: its set-up costs tens of microseconds on Linux, more than a rule or a
/// report line.
public enum InstantText {
    public static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return ISO8601DateFormatter().string(from: date) }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = Int(parts.tm_year) + 1900
        guard (1000...9999).contains(year) else { return ISO8601DateFormatter().string(from: date) }
        return "\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
