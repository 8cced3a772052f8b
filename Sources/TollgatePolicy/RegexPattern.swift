import Foundation

/// A regular expression from a policy (ICU syntax), compiled once when the policy is loaded and
/// always matched against the WHOLE string, as cosign's `--certificate-identity-regexp` users
/// expect when they anchor with `^…$`, and safely when they forget to.
public struct RegexPattern: @unchecked Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    // NSRegularExpression is immutable and documented thread-safe for matching.
    private let regex: NSRegularExpression

    /// Compiles `pattern`; `nil` when it is not a valid regular expression.
    public init?(_ pattern: String) {
        guard pattern.utf8.count <= 4096, let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        self.pattern = pattern
        self.regex = regex
    }

    public func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let match = regex.firstMatch(in: text, options: [.anchored], range: range) else { return false }
        return match.range == range
    }

    public var description: String { pattern }

    public static func == (lhs: RegexPattern, rhs: RegexPattern) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}
