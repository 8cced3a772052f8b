/// Delegation path patterns (spec §4.5 `paths`), matched as python-tuf does: the target path and
/// the pattern are split on `/`, must have the same number of parts, and each part matches with
/// shell-style `fnmatch` (`*` any run of characters, `?` one character, `[seq]`, `[!seq]`), so
/// `*` never crosses a `/`.
public enum TUFPathPattern {
    public static func matches(path: String, pattern: String) -> Bool {
        let pathParts = path.split(separator: "/", omittingEmptySubsequences: false)
        let patternParts = pattern.split(separator: "/", omittingEmptySubsequences: false)
        guard pathParts.count == patternParts.count else { return false }
        return zip(pathParts, patternParts).allSatisfy { fnmatch(Array($0.unicodeScalars), Array($1.unicodeScalars)) }
    }

    /// Shell-style match of one path part, iterative with backtracking over the last `*`.
    static func fnmatch(_ text: [Unicode.Scalar], _ pattern: [Unicode.Scalar]) -> Bool {
        var t = 0, p = 0
        var starP: Int? = nil, starT = 0
        while t < text.count {
            if p < pattern.count {
                switch pattern[p] {
                case "*":
                    starP = p
                    starT = t
                    p += 1
                    continue
                case "?":
                    t += 1; p += 1
                    continue
                case "[":
                    if let (matched, next) = matchClass(text[t], pattern, p) {
                        if matched { t += 1; p = next; continue }
                    } else if text[t] == "[" {
                        // An unterminated '[' is a literal, as in fnmatch.
                        t += 1; p += 1
                        continue
                    }
                default:
                    if pattern[p] == text[t] { t += 1; p += 1; continue }
                }
            }
            guard let star = starP else { return false }
            p = star + 1
            starT += 1
            t = starT
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Matches `character` against the class starting at `pattern[start] == "["`; `nil` when the
    /// class is not terminated, otherwise whether it matched and the index after `]`.
    private static func matchClass(_ character: Unicode.Scalar, _ pattern: [Unicode.Scalar], _ start: Int) -> (Bool, Int)? {
        var index = start + 1
        var negate = false
        if index < pattern.count, pattern[index] == "!" { negate = true; index += 1 }
        var matched = false
        var first = true
        while index < pattern.count {
            let current = pattern[index]
            if current == "]" && !first { return (matched != negate, index + 1) }
            first = false
            if index + 2 < pattern.count, pattern[index + 1] == "-", pattern[index + 2] != "]" {
                if current <= character && character <= pattern[index + 2] { matched = true }
                index += 3
            } else {
                if current == character { matched = true }
                index += 1
            }
        }
        return nil
    }
}
