import Foundation

/// A duration written as a number and a unit: `30m`, `12h`, `14d`, `2w`.
public struct PolicyDuration: Sendable, Hashable, Codable, CustomStringConvertible {
    public let seconds: TimeInterval
    public let text: String

    public init(seconds: TimeInterval) {
        self.seconds = seconds
        self.text = seconds.truncatingRemainder(dividingBy: 86_400) == 0 ? "\(Int(seconds / 86_400))d" : "\(Int(seconds))s"
    }

    /// Parses `<n>s|m|h|d|w` (`n` a whole number up to 100 years).
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = trimmed.last, trimmed.count >= 2,
              let value = Int(trimmed.dropLast()), value >= 0, value <= 36_500 * 86_400 else { return nil }
        let scale: TimeInterval
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        case "w": scale = 7 * 86_400
        default: return nil
        }
        seconds = TimeInterval(value) * scale
        guard seconds <= 36_500 * 86_400 else { return nil }
        self.text = trimmed
    }

    public var description: String { text }
}
