/// A Python package version ordered as PEP 440 specifies.
///
/// See https://peps.python.org/pep-0440/#version-scheme. Strings that are not valid PEP 440 fall back to the
/// "legacy" ordering `packaging` used before 22.0 (they sort before every valid version), because PyPI still
/// hosts such releases and advisories name them.
struct PEP440Version: Comparable, Sendable {
    private enum Bound: Comparable, Sendable {
        case negativeInfinity
        case value(Int, VersionNumber)
        case positiveInfinity
    }

    private enum LocalPart: Comparable, Sendable {
        // PEP 440 §Local version identifiers: "alphanumeric segments sort before numeric segments".
        case text([UInt8])
        case number(VersionNumber)

        static func < (a: LocalPart, b: LocalPart) -> Bool {
            switch (a, b) {
            case let (.text(x), .text(y)): compareBytes(x, y) < 0
            case let (.number(x), .number(y)): x < y
            case (.text, .number): true
            case (.number, .text): false
            }
        }
    }

    private struct Valid: Sendable {
        var epoch = VersionNumber.zero
        var release: [VersionNumber] = []
        var pre: Bound = .positiveInfinity
        var post: Bound = .negativeInfinity
        var dev: Bound = .positiveInfinity
        var local: [LocalPart]? = nil
    }

    private enum Form: Sendable {
        case valid(Valid)
        case legacy([[UInt8]])
    }

    private let form: Form

    init(_ string: String) {
        let bytes = Array(string.utf8).map(\.lowercasedASCII)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 32 || bytes[start] == 9 || bytes[start] == 10 { start += 1 }
        while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 || bytes[end - 1] == 10 { end -= 1 }
        let trimmed = Array(bytes[start..<end])
        if let valid = Self.parseValid(trimmed) {
            form = .valid(valid)
        } else {
            form = .legacy(Self.legacyKey(trimmed))
        }
    }

    // MARK: - Valid (PEP 440 Appendix B grammar)

    private static func parseValid(_ s: [UInt8]) -> Valid? {
        var p = Cursor(s)
        var v = Valid()
        _ = p.eat("v")
        let mark = p.index
        if let e = p.digits(), p.eat("!") { v.epoch = e } else { p.index = mark }
        guard let first = p.digits() else { return nil }
        v.release = [first]
        while true {
            let m = p.index
            if p.eat("."), let n = p.digits() { v.release.append(n) } else { p.index = m; break }
        }
        while let last = v.release.last, last.isZero, v.release.count > 1 { v.release.removeLast() }
        if v.release.count == 1, v.release[0].isZero { v.release = [] }

        // Pre-release: [-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*
        var m = p.index
        _ = p.separator()
        if let letter = p.word(["preview", "alpha", "beta", "pre", "rc", "a", "b", "c"]) {
            let rank: Int = switch letter {
            case "alpha", "a": 0
            case "beta", "b": 1
            default: 2
            }
            v.pre = .value(rank, p.optionalNumber())
        } else {
            p.index = m
        }

        // Post-release: -N | [-_.]?(post|rev|r)[-_.]?[0-9]*
        m = p.index
        var hasPost = false
        if p.eat("-"), let n = p.digits() {
            v.post = .value(0, n); hasPost = true
        } else {
            p.index = m
            _ = p.separator()
            if p.word(["post", "rev", "r"]) != nil {
                v.post = .value(0, p.optionalNumber()); hasPost = true
            } else {
                p.index = m
            }
        }

        // Development release: [-_.]?dev[-_.]?[0-9]*
        m = p.index
        _ = p.separator()
        if p.word(["dev"]) != nil {
            v.dev = .value(0, p.optionalNumber())
        } else {
            p.index = m
        }

        // Local version label: +[a-z0-9]+([-_.][a-z0-9]+)*
        if p.eat("+") {
            var parts: [LocalPart] = []
            repeat {
                let run = p.alnumRun()
                guard !run.isEmpty else { return nil }
                parts.append(run.allSatisfy(\.isASCIIDigit) ? .number(VersionNumber(digits: run)) : .text(run))
            } while p.separator()
            v.local = parts
        }
        guard p.atEnd else { return nil }
        // `packaging` sorts "1.0.dev0" before "1.0a0": a dev release without pre or post is the lowest.
        if case .positiveInfinity = v.pre, !hasPost, case .value = v.dev { v.pre = .negativeInfinity }
        return v
    }

    private struct Cursor {
        let s: [UInt8]
        var index = 0
        init(_ s: [UInt8]) { self.s = s }
        var atEnd: Bool { index >= s.count }

        mutating func eat(_ c: Unicode.Scalar) -> Bool {
            guard index < s.count, s[index] == UInt8(ascii: c) else { return false }
            index += 1
            return true
        }

        mutating func separator() -> Bool {
            guard index < s.count, s[index] == 45 || s[index] == 95 || s[index] == 46 else { return false }
            index += 1
            return true
        }

        mutating func digits() -> VersionNumber? {
            let start = index
            while index < s.count, s[index].isASCIIDigit { index += 1 }
            return index > start ? VersionNumber(digits: s[start..<index]) : nil
        }

        mutating func word(_ words: [StaticString]) -> String? {
            for w in words {
                let count = w.utf8CodeUnitCount
                guard index + count <= s.count else { continue }
                let matches = w.withUTF8Buffer { buffer -> Bool in
                    for k in 0..<count where s[index + k] != buffer[k] { return false }
                    return true
                }
                if matches {
                    index += count
                    return w.description
                }
            }
            return nil
        }

        /// `[-_.]?[0-9]*` after a pre/post/dev label; an absent number is 0.
        mutating func optionalNumber() -> VersionNumber {
            let m = index
            _ = separator()
            if let n = digits() { return n }
            index = m
            return .zero
        }

        mutating func alnumRun() -> [UInt8] {
            let start = index
            while index < s.count, s[index].isASCIIDigit || s[index].isASCIILetter { index += 1 }
            return Array(s[start..<index])
        }
    }

    // MARK: - Legacy ordering (packaging < 22 `LegacyVersion`)

    private static func legacyKey(_ s: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        let final = Array("*final".utf8)
        let finalDash = Array("*final-".utf8)
        let zeros = Array("00000000".utf8)
        for part in legacyParts(s) {
            if part.first == UInt8(ascii: "*") {
                if compareBytes(part, final) < 0 {
                    while parts.last == finalDash { parts.removeLast() }
                }
                while parts.last == zeros { parts.removeLast() }
            }
            parts.append(part)
        }
        return parts
    }

    private static func legacyParts(_ s: [UInt8]) -> [[UInt8]] {
        var raw: [[UInt8]] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            var j = i + 1
            if c.isASCIIDigit {
                while j < s.count, s[j].isASCIIDigit { j += 1 }
            } else if c >= 97 && c <= 122 {
                while j < s.count, s[j] >= 97 && s[j] <= 122 { j += 1 }
            } else if c == 46 || c == 45 {
                // a single separator
            } else {
                while j < s.count, !(s[j].isASCIIDigit || (s[j] >= 97 && s[j] <= 122) || s[j] == 46 || s[j] == 45) {
                    j += 1
                }
            }
            raw.append(Array(s[i..<j]))
            i = j
        }
        var out: [[UInt8]] = []
        for var part in raw {
            switch String(decoding: part, as: UTF8.self) {
            case "pre", "preview", "rc": part = Array("c".utf8)
            case "-": part = Array("final-".utf8)
            case "dev": part = Array("@".utf8)
            case ".": continue
            default: break
            }
            if let first = part.first, first.isASCIIDigit {
                out.append(Array(repeating: UInt8(ascii: "0"), count: max(0, 8 - part.count)) + part)
            } else {
                out.append([UInt8(ascii: "*")] + part)
            }
        }
        out.append(Array("*final".utf8))
        return out
    }

    // MARK: - Ordering

    static func compare(_ a: PEP440Version, _ b: PEP440Version) -> Int {
        switch (a.form, b.form) {
        case (.legacy, .valid): return -1
        case (.valid, .legacy): return 1
        case let (.legacy(x), .legacy(y)):
            for (p, q) in zip(x, y) {
                let c = compareBytes(p, q)
                if c != 0 { return c }
            }
            return compareInts(x.count, y.count)
        case let (.valid(x), .valid(y)):
            var c = VersionNumber.compare(x.epoch, y.epoch)
            if c != 0 { return c }
            for (p, q) in zip(x.release, y.release) {
                c = VersionNumber.compare(p, q)
                if c != 0 { return c }
            }
            c = compareInts(x.release.count, y.release.count)
            if c != 0 { return c }
            if x.pre != y.pre { return x.pre < y.pre ? -1 : 1 }
            if x.post != y.post { return x.post < y.post ? -1 : 1 }
            if x.dev != y.dev { return x.dev < y.dev ? -1 : 1 }
            switch (x.local, y.local) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case let (l?, r?):
                for (p, q) in zip(l, r) where p != q { return p < q ? -1 : 1 }
                return compareInts(l.count, r.count)
            }
        }
    }

    static func < (a: PEP440Version, b: PEP440Version) -> Bool { compare(a, b) < 0 }
    static func == (a: PEP440Version, b: PEP440Version) -> Bool { compare(a, b) == 0 }
}
