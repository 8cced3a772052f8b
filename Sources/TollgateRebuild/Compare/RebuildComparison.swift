import TollgateModel

/// The answer of ``RebuildComparator``: are the release and the rebuild the same bytes, and if not,
/// which entries differ and why.
public struct RebuildComparison: Sendable, Codable, Hashable {
    public struct Side: Sendable, Codable, Hashable {
        public var path: String
        public var digest: Digest
        /// Nil when the digests matched and the contents were not read.
        public var format: ArchiveFormat?
        public var entries: Int?
    }

    /// How many differences have a class, and its usual fix.
    public struct ClassCount: Sendable, Codable, Hashable {
        public var `class`: DifferenceClass
        public var count: Int
        public var fix: String
    }

    public var release: Side
    public var rebuilt: Side
    /// True when the two digests are equal.
    public var match: Bool
    public var differences: [EntryDifference]
    public var classes: [ClassCount]

    public init(release: Side, rebuilt: Side, match: Bool, differences: [EntryDifference]) {
        self.release = release
        self.rebuilt = rebuilt
        self.match = match
        self.differences = differences
        var counts: [DifferenceClass: Int] = [:]
        for difference in differences { for kind in difference.classes { counts[kind, default: 0] += 1 } }
        classes = counts.keys.sorted().map { ClassCount(class: $0, count: counts[$0]!, fix: $0.fix) }
    }

    /// One line: `match` or `differ: 3 entries (modification time 2, embedded build path 1)`.
    public var summary: String {
        guard !match else { return "match: \(release.digest)" }
        let list = classes.map { "\($0.class.title) \($0.count)" }.joined(separator: ", ")
        return "differ: \(differences.count) \(differences.count == 1 ? "difference" : "differences")" + (list.isEmpty ? "" : " (\(list))")
    }
}
