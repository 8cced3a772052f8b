/// A Maven artifact version ordered as the POM reference specifies.
///
/// See https://maven.apache.org/pom.html#version-order-specification: the string splits into tokens at `.`,
/// `-` and digit/letter transitions (a transition counts as `-`); trailing "null" tokens (`0`, `""`, `final`,
/// `ga`) are trimmed before each hyphen; tokens compare with `.qualifier < -qualifier < -number < .number`
/// and `alpha < beta < milestone < rc = cr < snapshot < "" = final = ga = release < sp < other`.
struct MavenVersion: Comparable, Sendable {
    private struct Token: Equatable, Sendable {
        let prefix: UInt8  // 0 (first token), "." or "-"
        let value: [UInt8]
        var isNull = false
        var number: VersionNumber? {
            !value.isEmpty && value.allSatisfy(\.isASCIIDigit) ? VersionNumber(digits: value) : nil
        }

        static func == (a: Token, b: Token) -> Bool { a.prefix == b.prefix && a.value == b.value }

        var shouldTrim: Bool {
            value.isEmpty || value == Array("0".utf8) || value == Array("final".utf8) || value == Array("ga".utf8)
        }
    }

    private static let dot = UInt8(ascii: ".")
    private static let dash = UInt8(ascii: "-")
    private static let keywords: [[UInt8]] = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"].map { Array($0.utf8) }

    private let tokens: [Token]

    init(_ string: String) {
        let s = Array(string.utf8).map(\.lowercasedASCII)
        var tokens: [Token] = []
        var prefix: UInt8 = 0
        var start = 0
        func flush(_ raw: ArraySlice<UInt8>, prefix firstPrefix: UInt8) {
            // split at digit/non-digit transitions
            var pieces: [ArraySlice<UInt8>] = []
            var ps = raw.startIndex
            var k = raw.startIndex
            while k < raw.endIndex {
                if k > ps, raw[k].isASCIIDigit != raw[k - 1].isASCIIDigit {
                    pieces.append(raw[ps..<k])
                    ps = k
                }
                k += 1
            }
            pieces.append(raw[ps..<raw.endIndex])
            for (n, piece) in pieces.enumerated() {
                var value = Array(piece)
                if value.isEmpty { value = Array("0".utf8) }
                switch String(decoding: value, as: UTF8.self) {
                case "cr": value = Array("rc".utf8)
                case "ga", "final", "release": value = []
                case "a" where n < pieces.count - 1: value = Array("alpha".utf8)
                case "b" where n < pieces.count - 1: value = Array("beta".utf8)
                case "m" where n < pieces.count - 1: value = Array("milestone".utf8)
                default: break
                }
                if value.allSatisfy(\.isASCIIDigit), !value.isEmpty {
                    let number = VersionNumber(digits: value)
                    value = number.isZero ? Array("0".utf8) : number.digits
                }
                tokens.append(Token(prefix: n == 0 ? firstPrefix : Self.dash, value: value))
            }
        }
        for (i, c) in s.enumerated() where c == Self.dot || c == Self.dash {
            flush(s[start..<i], prefix: prefix)
            prefix = c
            start = i + 1
        }
        flush(s[start..<s.count], prefix: prefix)

        // Trim trailing null tokens, then repeat before each remaining hyphen, from the end to the start.
        var i = tokens.count - 1
        while i > 0 {
            if tokens[i].shouldTrim {
                tokens.remove(at: i)
                i -= 1
                continue
            }
            while i >= 0, tokens[i].prefix != Self.dash { i -= 1 }
            i -= 1
        }
        self.tokens = tokens
    }

    private static func nullToken(matching token: Token) -> Token {
        if token.prefix == dash { return Token(prefix: dash, value: [], isNull: true) }
        // "sp" is the only qualifier that sorts after the empty value.
        return Token(prefix: token.prefix, value: token.value == Array("sp".utf8) ? [] : Array("0".utf8), isNull: true)
    }

    private static func order(_ t: Token) -> Int {
        if t.number != nil { return t.prefix == dash ? 2 : 3 }
        return t.prefix == dash ? 1 : 0
    }

    private static func less(_ v: Token, _ w: Token) -> Bool {
        guard v.prefix == w.prefix else { return order(v) < order(w) }
        let vn = v.number
        let wn = w.number
        if let vn, let wn { return vn < wn }
        if vn != nil, !v.isNull { return false }
        if wn != nil, !w.isNull { return true }
        let li = keywords.firstIndex(of: v.value) ?? keywords.count
        let ri = keywords.firstIndex(of: w.value) ?? keywords.count
        if li == keywords.count, ri == keywords.count { return compareBytes(v.value, w.value) < 0 }
        return li < ri
    }

    static func compare(_ a: MavenVersion, _ b: MavenVersion) -> Int {
        let n = max(a.tokens.count, b.tokens.count)
        for i in 0..<n {
            let left = i < a.tokens.count ? a.tokens[i] : nullToken(matching: b.tokens[i])
            let right = i < b.tokens.count ? b.tokens[i] : nullToken(matching: a.tokens[i])
            if left == right { continue }
            return less(left, right) ? -1 : 1
        }
        return 0
    }

    static func < (a: MavenVersion, b: MavenVersion) -> Bool { compare(a, b) < 0 }
    static func == (a: MavenVersion, b: MavenVersion) -> Bool { compare(a, b) == 0 }
}
