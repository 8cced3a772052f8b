/// A Debian package version (`[epoch:]upstream[-revision]`) ordered like `dpkg --compare-versions`.
///
/// See https://www.debian.org/doc/debian-policy/ch-controlfields.html#version: letters sort before
/// non-letters, `~` sorts before everything including the end of the string, digit runs compare numerically.
struct DebianVersion: Comparable, Sendable {
    let epoch: VersionNumber
    let upstream: [UInt8]
    let revision: [UInt8]

    init(_ string: String) {
        var s = Array(string.utf8)
        while s.first == 32 { s.removeFirst() }
        while s.last == 32 { s.removeLast() }
        if let colon = s.firstIndex(of: UInt8(ascii: ":")), s[..<colon].allSatisfy(\.isASCIIDigit) {
            epoch = VersionNumber(digits: s[..<colon])
            s = Array(s[(colon + 1)...])
        } else {
            epoch = .zero
        }
        if let dash = s.lastIndex(of: UInt8(ascii: "-")) {
            upstream = Array(s[..<dash])
            revision = Array(s[(dash + 1)...])
        } else {
            upstream = s
            revision = []
        }
    }

    /// dpkg's `order()`: `~` < end < letters < everything else.
    private static func weight(_ c: UInt8?) -> Int {
        guard let c else { return 0 }
        if c.isASCIIDigit { return 0 }
        if c.isASCIILetter { return Int(c) }
        if c == UInt8(ascii: "~") { return -1 }
        return Int(c) + 256
    }

    /// dpkg's `verrevcmp`.
    static func compareFragment(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            while (i < a.count && !a[i].isASCIIDigit) || (j < b.count && !b[j].isASCIIDigit) {
                let wa = weight(i < a.count ? a[i] : nil)
                let wb = weight(j < b.count ? b[j] : nil)
                if wa != wb { return wa < wb ? -1 : 1 }
                i += 1
                j += 1
            }
            let si = i
            while i < a.count, a[i].isASCIIDigit { i += 1 }
            let sj = j
            while j < b.count, b[j].isASCIIDigit { j += 1 }
            let c = VersionNumber.compare(
                VersionNumber(digits: a[min(si, a.count)..<max(min(si, a.count), i)]),
                VersionNumber(digits: b[min(sj, b.count)..<max(min(sj, b.count), j)]))
            if c != 0 { return c }
        }
        return 0
    }

    static func compare(_ a: DebianVersion, _ b: DebianVersion) -> Int {
        var c = VersionNumber.compare(a.epoch, b.epoch)
        if c != 0 { return c }
        c = compareFragment(a.upstream, b.upstream)
        if c != 0 { return c }
        return compareFragment(a.revision, b.revision)
    }

    static func < (a: DebianVersion, b: DebianVersion) -> Bool { compare(a, b) < 0 }
    static func == (a: DebianVersion, b: DebianVersion) -> Bool { compare(a, b) == 0 }
}
