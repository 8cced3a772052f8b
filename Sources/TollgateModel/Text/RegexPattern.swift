import Foundation

/// A regular expression from a policy or a command line (ICU syntax), compiled once when it is
/// loaded and always matched against the WHOLE string, as cosign's `--certificate-identity-regexp`
/// users expect when they anchor with `^…$`, and safely when they forget to. The one whole-string
/// matcher: policy rules and Sigstore identity policies both use it.
public struct RegexPattern: @unchecked Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    // NSRegularExpression is immutable and documented thread-safe for matching.
    private let regex: NSRegularExpression

    /// Compiles `pattern`; `nil` when it is not a valid regular expression.
    public init?(_ pattern: String) {
        guard pattern.utf8.count <= 4096, let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        self.pattern = pattern
        self.regex = regex
    }

    /// Whether the pattern matches all of `text` (not merely a part of it).
    public func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let match = regex.firstMatch(in: text, options: [.anchored], range: range) else { return false }
        return match.range == range
    }

    /// The pattern as written.
    public var description: String { pattern }

    /// Two patterns are equal when they are written the same.
    public static func == (lhs: RegexPattern, rhs: RegexPattern) -> Bool { lhs.pattern == rhs.pattern }
    /// Hashes the pattern text.
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}
