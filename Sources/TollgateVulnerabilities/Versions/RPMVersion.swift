/// An RPM package version (`[epoch:]version[-release]`) ordered with `rpmvercmp`.
///
/// See https://rpm-software-management.github.io/rpm/manual/dependencies.html#versioning and rpm's
/// `rpmvercmp.c`: alphanumeric runs compare (digits numerically, letters with strcmp), a digit run beats a
/// letter run, `~` sorts before anything, `^` after the end but before anything else.
struct RPMVersion: Comparable, Sendable {
    let epoch: [UInt8]
    let version: [UInt8]
    let release: [UInt8]

    init(_ string: String) {
        let s = Array(string.utf8)
        var rest = s[...]
        var epoch = Array("0".utf8)
        if let colon = s.firstIndex(of: UInt8(ascii: ":")), s[..<colon].allSatisfy(\.isASCIIDigit) {
            if colon > 0 { epoch = Array(s[..<colon]) } else { epoch = [] }
            rest = s[(colon + 1)...]
        }
        self.epoch = epoch.isEmpty ? Array("0".utf8) : epoch
        if let dash = rest.firstIndex(of: UInt8(ascii: "-")) {
            version = Array(rest[..<dash])
            release = Array(rest[dash...])  // keeps the "-" so that "1-" > "1"
        } else {
            version = Array(rest)
            release = []
        }
    }

    private static func isSkipped(_ c: UInt8) -> Bool {
        !(c.isASCIIDigit || c.isASCIILetter || c == UInt8(ascii: "~") || c == UInt8(ascii: "^"))
    }

    /// `rpmvercmp(a, b)`, with an empty component sorting before a present one.
    static func rpmvercmp(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty != b.isEmpty { return a.isEmpty ? -1 : 1 }
        if a == b { return 0 }
        var i = 0
        var j = 0
        let tilde = UInt8(ascii: "~")
        let caret = UInt8(ascii: "^")
        while true {
            while i < a.count, isSkipped(a[i]) { i += 1 }
            while j < b.count, isSkipped(b[j]) { j += 1 }
            let ca: UInt8? = i < a.count ? a[i] : nil
            let cb: UInt8? = j < b.count ? b[j] : nil
            if ca == tilde || cb == tilde {
                if ca != tilde { return 1 }
                if cb != tilde { return -1 }
                i += 1; j += 1
                continue
            }
            if ca == caret || cb == caret {
                if ca == nil { return -1 }
                if cb == nil { return 1 }
                if ca != caret { return 1 }
                if cb != caret { return -1 }
                i += 1; j += 1
                continue
            }
            guard let first = ca, cb != nil else { break }
            let numeric = first.isASCIIDigit
            let si = i
            while i < a.count, numeric ? a[i].isASCIIDigit : a[i].isASCIILetter { i += 1 }
            let sj = j
            while j < b.count, numeric ? b[j].isASCIIDigit : b[j].isASCIILetter { j += 1 }
            if sj == j { return numeric ? 1 : -1 }
            let c = numeric
                ? VersionNumber.compare(VersionNumber(digits: a[si..<i]), VersionNumber(digits: b[sj..<j]))
                : compareBytes(a[si..<i], b[sj..<j])
            if c != 0 { return c }
        }
        let ra = a.count - min(i, a.count)
        let rb = b.count - min(j, b.count)
        return compareInts(ra, rb)
    }

    static func compare(_ a: RPMVersion, _ b: RPMVersion) -> Int {
        var c = rpmvercmp(a.epoch, b.epoch)
        if c != 0 { return c }
        c = rpmvercmp(a.version, b.version)
        if c != 0 { return c }
        return rpmvercmp(a.release, b.release)
    }

    static func < (a: RPMVersion, b: RPMVersion) -> Bool { compare(a, b) < 0 }
    static func == (a: RPMVersion, b: RPMVersion) -> Bool { compare(a, b) == 0 }
}
