import Foundation

/// A regular expression searched for anywhere in a script line (unlike `RegexPattern`, which
/// matches whole strings): what shell checks look for inside commands.
struct ShellPattern: @unchecked Sendable {
    // NSRegularExpression is immutable and documented thread-safe for matching.
    private let regex: NSRegularExpression

    init(_ pattern: String) {
        // The patterns are constants of this module: a bad one is a programming error caught by the tests.
        regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    /// The offset (in Unicode scalars) of the first match in `text`, if any.
    func firstOffset(in text: String) -> Int? {
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        guard let match = regex.firstMatch(in: text, range: range),
              let found = Range(match.range, in: text) else { return nil }
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: found.lowerBound)
    }

    func matches(_ text: String) -> Bool { firstOffset(in: text) != nil }
}
