/// An Alpine (apk) package version: `number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}`.
///
/// See https://gitlab.alpinelinux.org/alpine/apk-tools/-/blob/master/doc/apk-package.5.scd (pkgver). Suffixes
/// sort `alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p`; a number component after the first
/// that starts with `0` compares as a string (apk treats it as a decimal fraction).
struct AlpineVersion: Comparable, Sendable {
    private struct Suffix: Sendable {
        let weight: Int
        let number: VersionNumber
    }

    private let original: [UInt8]
    private let numbers: [[UInt8]]
    private let letter: UInt8?
    private let suffixes: [Suffix]
    private let build: VersionNumber
    private let invalid: Bool
    private let hasRemainder: Bool

    private static let suffixNames: [(String, Int)] = [
        ("alpha", 0), ("beta", 1), ("pre", 2), ("rc", 3), ("cvs", 5), ("svn", 6), ("git", 7), ("hg", 8), ("p", 9),
    ]

    init(_ string: String) {
        let s = Array(string.utf8)
        original = s
        var i = 0
        var numbers: [[UInt8]] = []
        // ^((\d+)\.?)*
        while i < s.count, s[i].isASCIIDigit {
            let start = i
            while i < s.count, s[i].isASCIIDigit { i += 1 }
            numbers.append(Array(s[start..<i]))
            if i < s.count, s[i] == UInt8(ascii: ".") { i += 1 }
        }
        self.numbers = numbers
        if i < s.count, s[i] >= 97, s[i] <= 122 {
            letter = s[i]
            i += 1
        } else {
            letter = nil
        }
        var suffixes: [Suffix] = []
        suffixLoop: while i < s.count, s[i] == UInt8(ascii: "_") {
            for (name, weight) in Self.suffixNames {
                let u = Array(name.utf8)
                if i + 1 + u.count <= s.count, Array(s[(i + 1)..<(i + 1 + u.count)]) == u {
                    var j = i + 1 + u.count
                    let ns = j
                    while j < s.count, s[j].isASCIIDigit { j += 1 }
                    suffixes.append(Suffix(weight: weight, number: VersionNumber(digits: s[ns..<j])))
                    i = j
                    continue suffixLoop
                }
            }
            break
        }
        self.suffixes = suffixes
        if i < s.count, s[i] == UInt8(ascii: "~") {
            var j = i + 1
            while j < s.count, s[j].isASCIIDigit || (s[j] >= 97 && s[j] <= 102) { j += 1 }
            if j > i + 1 { i = j }
        }
        var invalid = false
        var build = VersionNumber.zero
        if i < s.count {
            if i + 1 < s.count, s[i] == UInt8(ascii: "-"), s[i + 1] == UInt8(ascii: "r") {
                var j = i + 2
                while j < s.count, s[j].isASCIIDigit { j += 1 }
                build = VersionNumber(digits: s[(i + 2)..<j])
                i = j
            } else {
                invalid = true
            }
        }
        self.build = build
        self.invalid = invalid
        hasRemainder = i < s.count
    }

    static func compare(_ a: AlpineVersion, _ b: AlpineVersion) -> Int {
        if a.invalid && b.invalid { return compareBytes(a.original, b.original) }
        let zero = Array("0".utf8)
        for k in 0..<max(a.numbers.count, b.numbers.count) {
            let x = k < a.numbers.count ? a.numbers[k] : zero
            let y = k < b.numbers.count ? b.numbers[k] : zero
            let c: Int
            if k > 0, k < a.numbers.count, k < b.numbers.count, x.first == 48 || y.first == 48 {
                c = compareBytes(x, y)
            } else {
                c = VersionNumber.compare(VersionNumber(digits: x), VersionNumber(digits: y))
            }
            if c != 0 { return c }
        }
        switch (a.letter, b.letter) {
        case (nil, .some): return -1
        case (.some, nil): return 1
        case let (x?, y?) where x != y: return x < y ? -1 : 1
        default: break
        }
        for k in 0..<max(a.suffixes.count, b.suffixes.count) {
            let x = k < a.suffixes.count ? a.suffixes[k] : Suffix(weight: 4, number: .zero)
            let y = k < b.suffixes.count ? b.suffixes[k] : Suffix(weight: 4, number: .zero)
            if x.weight != y.weight { return x.weight < y.weight ? -1 : 1 }
            let c = VersionNumber.compare(x.number, y.number)
            if c != 0 { return c }
        }
        let c = VersionNumber.compare(a.build, b.build)
        if c != 0 { return c }
        if a.hasRemainder != b.hasRemainder { return a.hasRemainder ? -1 : 1 }
        return 0
    }

    static func < (a: AlpineVersion, b: AlpineVersion) -> Bool { compare(a, b) < 0 }
    static func == (a: AlpineVersion, b: AlpineVersion) -> Bool { compare(a, b) == 0 }
}
