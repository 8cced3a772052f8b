/// What an import did: counts, and one line per skipped entry saying why.
public struct ImportSummary: Sendable, Codable, Hashable {
    /// One entry that was not imported.
    public struct Skipped: Sendable, Codable, Hashable {
        /// The file path or archive entry name.
        public let entry: String
        /// A stable reason code: `withdrawn`, `malformed`, `too-large`, `path-traversal`, `zip-bomb`,
        /// `not-a-file`, `not-json`, `no-affected-packages`.
        public let reason: String
        /// A sentence for a person.
        public let detail: String
    }

    /// Entries examined (files or archive members).
    public internal(set) var examined = 0
    /// Records new to the database.
    public internal(set) var added = 0
    /// Records whose content changed and were replaced.
    public internal(set) var updated = 0
    /// Records already present with identical content (incremental import).
    public internal(set) var unchanged = 0
    /// Withdrawn records removed from the database because they were present.
    public internal(set) var removedWithdrawn = 0
    public internal(set) var skipped: [Skipped] = []

    /// Skipped entries counted by reason.
    public var skippedByReason: [String: Int] {
        skipped.reduce(into: [:]) { $0[$1.reason, default: 0] += 1 }
    }

    mutating func skip(_ entry: String, _ reason: String, _ detail: String) {
        skipped.append(Skipped(entry: entry, reason: reason, detail: detail))
    }
}
