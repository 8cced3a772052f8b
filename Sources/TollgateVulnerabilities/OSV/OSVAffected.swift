/// One OSV `affected[]` entry: a package, its ranges, its explicit versions and per-package severity.
///
/// See https://ossf.github.io/osv-schema/#affected-fields.
public struct OSVAffected: Sendable, Hashable {
    public let package: OSVPackage?
    public let ranges: [OSVRange]
    /// Explicitly enumerated affected versions.
    public let versions: [String]
    public let severity: [OSVSeverity]
    /// GHSA's `database_specific.last_known_affected_version_range` (`"<= 1.2.3"` or `"< 1.2.3"`): the only
    /// upper bound GitHub knows when a range has no fix.
    public let lastKnownAffectedVersionRange: String?
    /// A CVSS vector some databases (RustSec) keep in `database_specific.cvss`.
    public let databaseSpecificCVSS: String?

    public init(package: OSVPackage?, ranges: [OSVRange], versions: [String], severity: [OSVSeverity] = [],
                lastKnownAffectedVersionRange: String? = nil, databaseSpecificCVSS: String? = nil) {
        self.package = package
        self.ranges = ranges
        self.versions = versions
        self.severity = severity
        self.lastKnownAffectedVersionRange = lastKnownAffectedVersionRange
        self.databaseSpecificCVSS = databaseSpecificCVSS
    }
}
