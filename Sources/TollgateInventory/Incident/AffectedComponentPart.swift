/// Part 1, `affected_component`: what the incident is about, resolved against the inventory: the
/// packages and the recorded versions the range or advisory selects.
public struct AffectedComponentPart: Sendable, Hashable, Codable {
    /// A package the query names, with the versions the inventory holds.
    public struct Package: Sendable, Hashable, Codable {
        /// The package as the inventory indexes it (purl without version, lowercased).
        public var package: String
        /// Recorded versions the query selects.
        public var affectedVersions: [String]
        /// Recorded versions it does not select.
        public var otherVersions: [String]
        /// Fixed versions the advisory names, for `--advisory`.
        public var fixedVersions: [String]
    }

    /// The advisory, for `--advisory`.
    public struct Advisory: Sendable, Hashable, Codable {
        public var id: String
        public var aliases: [String]
        public var summary: String?
        public var severity: String
    }

    public var kind: IncidentQuery.Kind
    /// The query value, canonical (a purl, a digest, a normalised repository).
    public var value: String
    /// The `vers:` range in canonical form, for `--component --versions`.
    public var versions: String?
    public var packages: [Package]
    public var advisory: Advisory?
    public var statement: String
}
