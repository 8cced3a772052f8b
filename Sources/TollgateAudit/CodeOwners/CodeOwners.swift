import Foundation
import TollgatePolicy

/// A parsed CODEOWNERS file. The last matching rule wins, and a rule with no owners leaves the paths it
/// matches unowned (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners).
/// Lines GitHub would skip (unsupported syntax, malformed owners) are kept as problems with their line.
public struct CodeOwners: Sendable {
    /// Where GitHub looks, in order: the first that exists is used.
    public static let locations = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"]
    /// GitHub ignores CODEOWNERS files over 3 MB.
    public static let maxBytes = 3_000_000

    public struct Rule: Sendable {
        public let pattern: String
        public let owners: [String]
        public let line: Int
        let matcher: CodeOwnersPattern
    }

    public struct Problem: Sendable, Equatable {
        public let line: Int
        public let column: Int
        public let message: String
    }

    public let rules: [Rule]
    public let problems: [Problem]

    public init(text: String) {
        var rules: [Rule] = []
        var problems: [Problem] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            var content = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            // A comment starts at an unescaped '#'.
            if let hash = Self.commentStart(content) { content = String(content[..<hash]) }
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let pattern = fields.first else { continue }
            // GitLab's section headers (`[Section]`, `^[Optional]`) group rules; they are not paths.
            if pattern.hasPrefix("[") || pattern.hasPrefix("^[") { continue }
            let column = (content.firstIndex { $0 != " " && $0 != "\t" }).map { content.distance(from: content.startIndex, to: $0) + 1 } ?? 1
            guard let matcher = CodeOwnersPattern(pattern) else {
                problems.append(Problem(line: line, column: column,
                                        message: "'\(pattern)' uses syntax CODEOWNERS does not support ('!' negation or '[ ]' ranges); GitHub skips the line"))
                continue
            }
            let owners = Array(fields.dropFirst())
            if let bad = owners.first(where: { !OwnerName.isValid($0) }) {
                problems.append(Problem(line: line, column: column,
                                        message: "'\(bad)' is not an owner (@user, @org/team or an email address); GitHub skips the line"))
                continue
            }
            rules.append(Rule(pattern: pattern, owners: owners, line: line, matcher: matcher))
        }
        self.rules = rules
        self.problems = problems
    }

    /// The rule that decides who owns `path`: the last one matching it, or nil when none does.
    public func rule(for path: String) -> Rule? {
        rules.last { $0.matcher.matches(path) }
    }

    /// The owners of `path` (empty when no rule matches or the deciding rule names nobody).
    public func owners(of path: String) -> [String] {
        rule(for: path)?.owners ?? []
    }

    private static func commentStart(_ line: String) -> String.Index? {
        var previous: Character?
        for index in line.indices {
            if line[index] == "#" && previous != "\\" { return index }
            previous = line[index]
        }
        return nil
    }
}
