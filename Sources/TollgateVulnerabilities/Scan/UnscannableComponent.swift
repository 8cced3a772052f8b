/// A component that could not be checked, and why. It is never reported as clean.
public struct UnscannableComponent: Sendable, Codable, Hashable {
    /// Why the component could not be checked.
    public enum Reason: String, Sendable, Codable {
        /// No package URL, so the ecosystem and name are unknown.
        case noPurl = "no-purl"
        /// No version in the purl or the component.
        case noVersion = "no-version"
        /// The purl type has no advisory ecosystem Tollgate knows.
        case unsupportedEcosystem = "unsupported-ecosystem"
    }

    public let name: String
    public let purl: String?
    public let version: String?
    public let reason: Reason
    public let detail: String

    public init(name: String, purl: String?, version: String?, reason: Reason, detail: String) {
        self.name = name
        self.purl = purl
        self.version = version
        self.reason = reason
        self.detail = detail
    }
}
