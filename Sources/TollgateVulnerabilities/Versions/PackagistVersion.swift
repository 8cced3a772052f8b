/// A Composer/Packagist version ordered like PHP's `version_compare`.
///
/// See https://www.php.net/manual/en/function.version-compare.php: the string is canonicalised (`-`, `_`, `+`
/// become `.`, a `.` goes between digits and letters), then compared part by part with the special forms
/// `any other string < dev < alpha = a < beta = b < RC = rc < # (a number) < pl = p`. Composer strips a
/// leading `v`.
struct PackagistVersion: Comparable, Sendable {
    private enum Part: Sendable {
        case number(VersionNumber)
        case special(Int)
    }

    private let parts: [Part]

    init(_ string: String) {
        var s = Array(string.utf8)
        if s.first == UInt8(ascii: "v") || s.first == UInt8(ascii: "V") { s.removeFirst() }
        var canonical: [UInt8] = []
        for c in s {
            let mapped: UInt8 = (c == 45 || c == 95 || c == 43) ? 46 : c
            if let last = canonical.last, mapped != 46, last != 46, last.isASCIIDigit != mapped.isASCIIDigit {
                canonical.append(46)
            }
            canonical.append(mapped)
        }
        parts = canonical.split(separator: 46, omittingEmptySubsequences: false).map { raw in
            if !raw.isEmpty, raw.allSatisfy(\.isASCIIDigit) { return .number(VersionNumber(digits: raw)) }
            return .special(Self.weight(Array(raw)))
        }
    }

    /// `version_compare`'s special forms, matched by prefix as PHP does.
    private static func weight(_ s: [UInt8]) -> Int {
        let forms: [(String, Int)] = [
            ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5), ("p", 5),
        ]
        for (name, w) in forms where s.starts(with: name.utf8) { return w }
        return -1
    }

    private static let hash = Part.special(4)

    private static func compareParts(_ a: Part, _ b: Part) -> Int {
        switch (a, b) {
        case let (.number(x), .number(y)): VersionNumber.compare(x, y)
        case let (.special(x), .special(y)): compareInts(x, y)
        case let (.number, .special(y)): compareInts(4, y)
        case let (.special(x), .number): compareInts(x, 4)
        }
    }

    public static func compare(_ a: PackagistVersion, _ b: PackagistVersion) -> Int {
        compareLists(a.parts[...], b.parts[...])
    }

    /// When one side runs out, PHP compares what is left of the other against `#` (a number).
    private static func compareLists(_ a: ArraySlice<Part>, _ b: ArraySlice<Part>) -> Int {
        for (x, y) in zip(a, b) {
            let c = compareParts(x, y)
            if c != 0 { return c }
        }
        if a.count > b.count {
            let rest = a.dropFirst(b.count)
            if case .number = rest.first { return 1 }
            return compareLists(rest, [hash])
        }
        if a.count < b.count {
            let rest = b.dropFirst(a.count)
            if case .number = rest.first { return -1 }
            return compareLists([hash], rest)
        }
        return 0
    }

    static func < (a: PackagistVersion, b: PackagistVersion) -> Bool { compare(a, b) < 0 }
    static func == (a: PackagistVersion, b: PackagistVersion) -> Bool { compare(a, b) == 0 }
}
