/// One event of an OSV range (https://ossf.github.io/osv-schema/#affectedrangesevents-fields).
public enum OSVEvent: Sendable, Hashable {
    /// The version at which the package becomes affected (`"0"` means "since the beginning").
    case introduced(String)
    /// The first version that is no longer affected.
    case fixed(String)
    /// The last version known to be affected (inclusive upper bound).
    case lastAffected(String)
    /// An exclusive upper bound on the range, used with `GIT` ranges and branches.
    case limit(String)

    /// The event's version string.
    public var version: String {
        switch self {
        case let .introduced(v), let .fixed(v), let .lastAffected(v), let .limit(v): v
        }
    }
}
