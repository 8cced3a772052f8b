/// Date and time patterns builds write into files: ISO 8601, `Date.toString` / ctime
/// (`Mon Dec 05 11:00:00 UTC 2026`, as `pom.properties` has), C's `__DATE__` and `__TIME__`,
/// and ten-digit epoch seconds.
enum Timestamps {
    private static func patterns() -> [Regex<Substring>] {
        [
            #/(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{2}:\d{2}:\d{2}(?: [A-Z]{2,5})? \d{4}/#,
            #/\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/#,
            #/(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{4}/#,
            #/\d{2}:\d{2}:\d{2}/#,
            #/\b1[0-9]{9}(?:\.[0-9]+)?\b/#,
        ]
    }

    /// `text` with every timestamp replaced by `<time>`, and whether there was one.
    static func mask(_ text: String) -> (String, Bool) {
        var masked = text
        for pattern in patterns() { masked = masked.replacing(pattern, with: "<time>") }
        return (masked, masked != text)
    }

    /// Printable runs of 8 or more bytes in `bytes` (at most `limit` distinct ones).
    static func printableRuns(in bytes: [UInt8], limit: Int = 1_000_000) -> Set<String> {
        var found: Set<String> = []
        var start = 0
        for index in 0...bytes.count {
            let printable = index < bytes.count && bytes[index] >= 0x20 && bytes[index] < 0x7F
            if printable { continue }
            if index - start >= 8 {
                found.insert(String(decoding: bytes[start..<index], as: UTF8.self))
                if found.count >= limit { return found }
            }
            start = index + 1
        }
        return found
    }

    /// The runs only one side has that hold a timestamp (the first 10,000 differing runs are looked at).
    static func differing(_ release: [UInt8], _ rebuilt: [UInt8]) -> (release: [String], rebuilt: [String]) {
        let left = printableRuns(in: release)
        let right = printableRuns(in: rebuilt)
        let onlyLeft = left.subtracting(right).sorted().prefix(10_000).filter { mask($0).1 }
        let onlyRight = right.subtracting(left).sorted().prefix(10_000).filter { mask($0).1 }
        return (Array(onlyLeft), Array(onlyRight))
    }
}
