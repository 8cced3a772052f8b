/// A Semantic Versioning 2.0.0 version, parsed leniently as npm, crates.io and Go ranges need.
///
/// See https://semver.org/#spec-item-11 for precedence. A leading `v` is accepted (Go writes `v1.2.3`),
/// missing minor/patch count as 0, build metadata (`+incompatible`, `+build`) is ignored. Go
/// pseudo-versions (`v0.0.0-20210101000000-abcdef123456`) are ordinary pre-releases and order correctly.
struct SemanticVersion: Comparable, Sendable {
    enum Identifier: Equatable, Sendable {
        case number(VersionNumber)
        case text([UInt8])
    }

    let core: [VersionNumber]
    let prerelease: [Identifier]

    init(_ string: String) {
        let s = Array(string.utf8)
        var i = 0
        while i < s.count, s[i] == 32 { i += 1 }
        if i < s.count, s[i] == UInt8(ascii: "v") || s[i] == UInt8(ascii: "V") { i += 1 }
        var core: [VersionNumber] = []
        while core.count < 3 {
            let start = i
            while i < s.count, s[i].isASCIIDigit { i += 1 }
            guard i > start else { break }
            core.append(VersionNumber(digits: s[start..<i]))
            if core.count < 3, i < s.count, s[i] == UInt8(ascii: "."), i + 1 < s.count, s[i + 1].isASCIIDigit {
                i += 1
            } else {
                break
            }
        }
        while core.count < 3 { core.append(.zero) }
        self.core = core
        var pre: [Identifier] = []
        // Anything after the core that is not build metadata is a pre-release (`1.2.3-rc.1`, `1.2.3rc1`).
        if i < s.count, s[i] != UInt8(ascii: "+"), s[i] != UInt8(ascii: ".") {
            if s[i] == UInt8(ascii: "-") { i += 1 }
            var end = i
            while end < s.count, s[end] != UInt8(ascii: "+") { end += 1 }
            for part in s[i..<end].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
                if !part.isEmpty, part.allSatisfy(\.isASCIIDigit) {
                    pre.append(.number(VersionNumber(digits: part)))
                } else {
                    pre.append(.text(Array(part)))
                }
            }
        }
        prerelease = pre
    }

    static func compare(_ a: SemanticVersion, _ b: SemanticVersion) -> Int {
        for (x, y) in zip(a.core, b.core) {
            let c = VersionNumber.compare(x, y)
            if c != 0 { return c }
        }
        // semver §11.3: a pre-release has lower precedence than the normal version.
        switch (a.prerelease.isEmpty, b.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (x, y) in zip(a.prerelease, b.prerelease) {
            let c: Int
            switch (x, y) {
            case let (.number(p), .number(q)): c = VersionNumber.compare(p, q)
            case let (.text(p), .text(q)): c = compareBytes(p, q)
            case (.number, .text): c = -1  // §11.4.3: numeric identifiers have lower precedence
            case (.text, .number): c = 1
            }
            if c != 0 { return c }
        }
        return compareInts(a.prerelease.count, b.prerelease.count)
    }

    static func < (a: SemanticVersion, b: SemanticVersion) -> Bool { compare(a, b) < 0 }
    static func == (a: SemanticVersion, b: SemanticVersion) -> Bool { compare(a, b) == 0 }
}
