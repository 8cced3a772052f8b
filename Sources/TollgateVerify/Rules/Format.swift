import Foundation

/// Formatting shared by the reasons, so messages are stable and testable.
enum Format {
    /// At most this many items are spelled out in one reason.
    static let listLimit = 10

    static func list(_ items: [String]) -> String {
        list(items) { $0 }
    }

    /// The list of `items`, spelling out only the first `listLimit` (the rest are only counted, so
    /// their text is never built).
    static func list<Item>(_ items: [Item], _ text: (Item) -> String) -> String {
        let shown = items.prefix(listLimit).map(text).joined(separator: ", ")
        return items.count <= listLimit ? shown : shown + " and \(items.count - listLimit) more"
    }

    /// RFC 3339 UTC (`2026-06-15T12:00:00Z`), without `ISO8601DateFormatter`: creating one costs
    /// tens of microseconds on Linux, more than the rest of a rule.
    static func instant(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "\(date.timeIntervalSince1970)" }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = Int(parts.tm_year) + 1900
        let yearText = year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    static func days(_ interval: TimeInterval) -> Int {
        Int((interval / 86_400).rounded(.down))
    }

    static func alternatives(_ items: [String]) -> String {
        items.count == 1 ? items[0] : "one of " + items.joined(separator: ", ")
    }
}
