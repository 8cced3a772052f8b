/// A RubyGems version ordered like `Gem::Version#<=>`.
///
/// See https://guides.rubygems.org/patterns/#semantic-versioning and the `Gem::Version` documentation: a
/// version is a sequence of numeric and letter segments; any letter segment marks a pre-release
/// (`1.2.4.beta < 1.2.4`); `-` reads as `.pre.`; trailing zero segments are insignificant.
struct RubyGemsVersion: Comparable, Sendable {
    enum Segment: Equatable, Sendable {
        case number(VersionNumber)
        case text([UInt8])

        var isZero: Bool { if case let .number(n) = self { n.isZero } else { false } }
    }

    let segments: [Segment]

    init(_ string: String) {
        var raw: [Segment] = []
        let s = Array(string.utf8)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c.isASCIIDigit {
                var j = i
                while j < s.count, s[j].isASCIIDigit { j += 1 }
                raw.append(.number(VersionNumber(digits: s[i..<j])))
                i = j
            } else if c.isASCIILetter {
                var j = i
                while j < s.count, s[j].isASCIILetter { j += 1 }
                raw.append(.text(Array(s[i..<j])))
                i = j
            } else {
                if c == UInt8(ascii: "-") { raw.append(.text(Array("pre".utf8))) }
                i += 1
            }
        }
        // canonical_segments: drop trailing zeros of the release part and of the pre-release part.
        let firstText = raw.firstIndex { if case .text = $0 { true } else { false } } ?? raw.count
        var release = Array(raw[..<firstText])
        var pre = Array(raw[firstText...])
        while release.last?.isZero == true { release.removeLast() }
        while pre.last?.isZero == true { pre.removeLast() }
        segments = release + pre
    }

    static func compare(_ a: RubyGemsVersion, _ b: RubyGemsVersion) -> Int {
        let n = max(a.segments.count, b.segments.count)
        for i in 0..<n {
            let x = i < a.segments.count ? a.segments[i] : .number(.zero)
            let y = i < b.segments.count ? b.segments[i] : .number(.zero)
            switch (x, y) {
            case let (.number(p), .number(q)):
                let c = VersionNumber.compare(p, q)
                if c != 0 { return c }
            case let (.text(p), .text(q)):
                let c = compareBytes(p, q)
                if c != 0 { return c }
            case (.text, .number): return -1
            case (.number, .text): return 1
            }
        }
        return 0
    }

    static func < (a: RubyGemsVersion, b: RubyGemsVersion) -> Bool { compare(a, b) < 0 }
    static func == (a: RubyGemsVersion, b: RubyGemsVersion) -> Bool { compare(a, b) == 0 }
}
