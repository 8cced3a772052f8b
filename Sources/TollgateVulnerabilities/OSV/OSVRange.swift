/// An OSV `affected[].ranges[]` entry (https://ossf.github.io/osv-schema/#affectedranges-field).
public struct OSVRange: Sendable, Hashable {
    /// `SEMVER`, `ECOSYSTEM` or `GIT` (others are kept verbatim and ignored when matching).
    public let type: String
    /// The events in the order the record lists them; evaluation sorts them by version.
    public let events: [OSVEvent]

    public init(type: String, events: [OSVEvent]) {
        self.type = type
        self.events = events
    }
}
