/// A NuGet package version: up to four numeric parts, a case-insensitive pre-release, build metadata ignored.
///
/// See https://learn.microsoft.com/nuget/concepts/package-versioning#normalized-version-numbers:
/// `1.0` = `1.0.0.0`, `1.0.01` = `1.0.1`, `1.0.0-BETA` = `1.0.0-beta`.
struct NuGetVersion: Comparable, Sendable {
    let numbers: [VersionNumber]
    let prerelease: [SemanticVersion.Identifier]

    init(_ string: String) {
        var s = Array(string.utf8).map(\.lowercasedASCII)
        if let plus = s.firstIndex(of: UInt8(ascii: "+")) { s = Array(s[..<plus]) }
        if s.first == UInt8(ascii: "v") { s.removeFirst() }
        let dash = s.firstIndex(of: UInt8(ascii: "-"))
        let main = dash.map { s[..<$0] } ?? s[...]
        var numbers = main.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .map { VersionNumber(digits: $0.filter(\.isASCIIDigit)) }
        while numbers.count < 4 { numbers.append(.zero) }
        while numbers.count > 4, numbers.last?.isZero == true { numbers.removeLast() }
        self.numbers = numbers
        if let dash {
            prerelease = s[(dash + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map {
                !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) ? .number(VersionNumber(digits: $0)) : .text(Array($0))
            }
        } else {
            prerelease = []
        }
    }

    static func compare(_ a: NuGetVersion, _ b: NuGetVersion) -> Int {
        for (x, y) in zip(a.numbers, b.numbers) {
            let c = VersionNumber.compare(x, y)
            if c != 0 { return c }
        }
        var c = compareInts(a.numbers.count, b.numbers.count)
        if c != 0 { return c }
        switch (a.prerelease.isEmpty, b.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (x, y) in zip(a.prerelease, b.prerelease) {
            switch (x, y) {
            case let (.number(p), .number(q)): c = VersionNumber.compare(p, q)
            case let (.text(p), .text(q)): c = compareBytes(p, q)
            case (.number, .text): c = -1
            case (.text, .number): c = 1
            }
            if c != 0 { return c }
        }
        return compareInts(a.prerelease.count, b.prerelease.count)
    }

    static func < (a: NuGetVersion, b: NuGetVersion) -> Bool { compare(a, b) < 0 }
    static func == (a: NuGetVersion, b: NuGetVersion) -> Bool { compare(a, b) == 0 }
}
