import Foundation

/// The registry's timestamps (`2025-01-29T00:00:00.000Z`, in packument `time` and key `expires`).
enum NpmTime {
    static func parse(_ text: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }
}
