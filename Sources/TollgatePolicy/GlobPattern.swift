/// A shell-style pattern for repositories, refs and builder ids: `*` matches any run of
/// characters except `/`, `**` matches anything (including `/`), `?` one character except `/`.
/// Everything else matches itself, so a pattern without wildcards is an exact match.
public struct GlobPattern: Sendable, Hashable, Codable, CustomStringConvertible {
    public let pattern: String
    private let tokens: [Token]

    private enum Token: Sendable, Hashable, Codable {
        case literal(UInt8)
        case any          // ?
        case segment      // *
        case everything   // **
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "*") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                    tokens.append(.everything)
                    index += 2
                    while index < bytes.count, bytes[index] == UInt8(ascii: "*") { index += 1 }
                    continue
                }
                tokens.append(.segment)
            } else if byte == UInt8(ascii: "?") {
                tokens.append(.any)
            } else {
                tokens.append(.literal(byte))
            }
            index += 1
        }
        self.tokens = tokens
    }

    public var description: String { pattern }

    /// True when the whole of `text` matches. Iterative with backtracking to the last star, so
    /// hostile patterns cannot recurse; worst case O(pattern × text).
    public func matches(_ text: String) -> Bool {
        let input = Array(text.utf8)
        // Dynamic programming over positions: reachable[i] = pattern prefix matches input prefix i.
        var reachable = [Bool](repeating: false, count: input.count + 1)
        reachable[0] = true
        for token in tokens {
            var next = [Bool](repeating: false, count: input.count + 1)
            switch token {
            case .literal(let byte):
                for i in 0..<input.count where reachable[i] && input[i] == byte { next[i + 1] = true }
            case .any:
                for i in 0..<input.count where reachable[i] && input[i] != UInt8(ascii: "/") { next[i + 1] = true }
            case .segment:
                var carrying = false
                for i in 0...input.count {
                    if reachable[i] { carrying = true }
                    if carrying { next[i] = true }
                    if i < input.count, input[i] == UInt8(ascii: "/") { carrying = false }
                }
            case .everything:
                var carrying = false
                for i in 0...input.count {
                    if reachable[i] { carrying = true }
                    if carrying { next[i] = true }
                }
            }
            reachable = next
        }
        return reachable[input.count]
    }
}
