/// One entry (or archive-level property) that differs between the release and the rebuild.
public struct EntryDifference: Sendable, Codable, Hashable {
    /// `container/path` of the entry; an archive-level difference is named in parentheses
    /// (`(gzip header)`, `(entry order)`), the whole of a plain file is `(file)`.
    public var path: String
    public var classes: [DifferenceClass]
    /// What differs, release value first: `mtime 1700000000 → 1700000500`.
    public var details: [String]

    public init(path: String, classes: [DifferenceClass], details: [String]) {
        self.path = path
        self.classes = Array(Set(classes)).sorted()
        self.details = details
    }
}
