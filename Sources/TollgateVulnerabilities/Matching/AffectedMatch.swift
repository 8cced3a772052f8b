/// Why a version is affected by one `affected[]` entry, and how sure the database is.
public struct AffectedMatch: Sendable, Hashable {
    /// How the version was matched.
    public enum Via: String, Sendable, Codable {
        case range
        case versions
        case rangeAndVersions = "range+versions"

        /// How a version matched, from whether a range and whether the explicit list matched
        /// (at least one of the two).
        init(ranged: Bool, listed: Bool) {
            self = ranged && listed ? .rangeAndVersions : (ranged ? .range : .versions)
        }

        var ranged: Bool { self != .versions }
        var listed: Bool { self != .range }
    }

    public let via: Via
    /// False when the only upper bound is GHSA's `last_known_affected_version_range` and the version lies
    /// beyond it: the advisory may or may not apply, so the finding is reported as `unconfirmed`.
    public let confirmed: Bool
    /// Fixed versions above the matched version, from the ranges that matched.
    public let fixedVersions: [String]
}
