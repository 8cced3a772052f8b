import Foundation

/// Formatting shared by the reasons, so messages are stable and testable.
enum Format {
    /// At most this many items are spelled out in one reason.
    static let listLimit = 10

    static func list(_ items: [String]) -> String {
        if items.count <= listLimit { return items.joined(separator: ", ") }
        return items.prefix(listLimit).joined(separator: ", ") + " and \(items.count - listLimit) more"
    }

    static func instant(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    static func days(_ interval: TimeInterval) -> Int {
        Int((interval / 86_400).rounded(.down))
    }

    static func alternatives(_ items: [String]) -> String {
        items.count == 1 ? items[0] : "one of " + items.joined(separator: ", ")
    }
}
