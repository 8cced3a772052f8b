/// An OSV `severity[]` entry (https://ossf.github.io/osv-schema/#severity-field): a type such as `CVSS_V3`
/// or `CVSS_V4` and a vector string.
public struct OSVSeverity: Sendable, Hashable {
    public let type: String
    public let score: String

    public init(type: String, score: String) {
        self.type = type
        self.score = score
    }
}
