import TollgateModel
/// One vulnerability found in one component: an alias group of advisories, with its severity and fixes.
public struct Finding: Sendable, Codable, Hashable {
    /// The component's purl, as the SBOM gives it (with version).
    public let purl: String
    public let name: String
    public let version: String
    /// The primary advisory id (the ecosystem's own database first: PYSEC, GO, RUSTSEC; then GHSA; then CVE).
    public let id: String
    /// Every other id of the same vulnerability (matched advisories and their aliases), sorted.
    public let aliases: [String]
    /// The advisories in the database that matched (the group), sorted.
    public let advisories: [String]
    /// The highest severity among the group.
    public let severity: Severity
    public let score: Double?
    public let severitySource: String?
    public let summary: String?
    /// Versions that fix it, from the matched ranges (sorted, deduplicated); empty means no known fix.
    public let fixedVersions: [String]
    /// How the version matched (`range`, `versions`, `range+versions`).
    public let via: AffectedMatch.Via
    /// True when the version is beyond GHSA's last known affected version and no fix is known.
    public let unconfirmed: Bool
    /// True when the latest matching VEX statement says `fixed`, or `not_affected` with a justification or
    /// impact statement (see `VEXResolver`); suppressed findings are shown, not hidden.
    public let suppressed: Bool
    /// The VEX statement that suppressed the finding; nil when it is not suppressed.
    public let suppression: Suppression?
    /// What the latest matching VEX statement says, whether or not it suppresses (an `affected` or
    /// `under_investigation` verdict is recorded too); nil when no statement matches. Absent from the JSON
    /// when nil, so reports without VEX are unchanged.
    public let vex: VEXVerdict?

    /// The VEX statement that suppressed a finding.
    public struct Suppression: Sendable, Codable, Hashable {
        public let vulnerability: String
        public let status: VEXStatus
        public let justification: String?
        public let detail: String?
        public let source: String
    }
}
