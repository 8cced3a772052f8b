/// One stored `affected[]` entry of an advisory, in the form a scan evaluates.
public struct AdvisoryStoreAffected: Sendable, Hashable {
    /// The advisory this entry belongs to.
    public let advisoryID: String
    /// The index key (base ecosystem and normalised name).
    public let key: AdvisoryStorePackageKey
    /// The full OSV ecosystem, with a suffix when the record has one (`Debian:12`).
    public let ecosystem: String
    /// The ranges, encoded by the vulnerability module (opaque here).
    public let ranges: String
    /// Explicitly listed affected versions.
    public let versions: [String]
    /// GHSA's last known affected version range (`<= 1.2.3`), if any.
    public let lastKnownAffected: String?

    public init(advisoryID: String, key: AdvisoryStorePackageKey, ecosystem: String, ranges: String,
                versions: [String], lastKnownAffected: String?) {
        self.advisoryID = advisoryID
        self.key = key
        self.ecosystem = ecosystem
        self.ranges = ranges
        self.versions = versions
        self.lastKnownAffected = lastKnownAffected
    }
}
