import TollgatePolicy

/// One CODEOWNERS path pattern with GitHub's semantics
/// (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners#codeowners-syntax):
/// gitignore rules, except that `!` negation and `[ ]` ranges are not supported, and `docs/*` owns the files
/// directly in `docs` but not deeper ones. A pattern without a slash (other than a trailing one) matches
/// at any depth; a leading or inner slash anchors it at the root; a trailing slash matches only
/// directories; a pattern that names a directory owns everything beneath it.
///
/// The glob itself is `TollgatePolicy.GlobPattern` (`*` within a path segment, `**` across segments,
/// `?` one character), applied to each candidate prefix of the path.
struct CodeOwnersPattern: Sendable {
    let text: String
    private let glob: GlobPattern
    private let anchored: Bool
    private let directoryOnly: Bool
    /// Whether a match on a leading part of the path (a directory) owns the rest of it.
    private let ownsBeneath: Bool

    /// nil for syntax GitHub does not support (`!` negation, `[ ]` ranges).
    init?(_ raw: String) {
        guard !raw.hasPrefix("!"), !raw.contains("[") else { return nil }
        text = raw
        var body = raw.replacingOccurrences(of: "\\#", with: "#")
        directoryOnly = body.hasSuffix("/")
        while body.hasSuffix("/") { body.removeLast() }
        if body.hasPrefix("**/") {
            body.removeFirst(3)
            anchored = body.contains("/")
        } else if body.hasPrefix("/") {
            body.removeFirst()
            anchored = true
        } else {
            anchored = body.contains("/")
        }
        let last = body.split(separator: "/").last.map(String.init) ?? body
        ownsBeneath = directoryOnly || last == "**" || !(last.contains("*") || last.contains("?"))
        guard !body.isEmpty else { return nil }
        glob = GlobPattern(body)
    }

    /// Whether the pattern owns `path` (relative to the repository root, `/`-separated, no leading slash).
    func matches(_ path: String) -> Bool {
        let components = path.split(separator: "/").map(String.init)
        let starts = anchored ? 0..<1 : 0..<components.count
        for start in starts {
            for end in (start + 1)...max(start + 1, components.count) where end <= components.count {
                let candidate = components[start..<end].joined(separator: "/")
                guard glob.matches(candidate) else { continue }
                if end == components.count && !directoryOnly { return true }
                if end < components.count && ownsBeneath { return true }
            }
        }
        return false
    }
}
