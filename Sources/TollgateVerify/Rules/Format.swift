import Foundation
import TollgateModel

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

    /// RFC 3339 UTC (`2026-06-15T12:00:00Z`).
    static func instant(_ date: Date) -> String {
        InstantText.format(date)
    }

    static func days(_ interval: TimeInterval) -> Int {
        Int((interval / 86_400).rounded(.down))
    }

    static func alternatives(_ items: [String]) -> String {
        items.count == 1 ? items[0] : "one of " + items.joined(separator: ", ")
    }
}
