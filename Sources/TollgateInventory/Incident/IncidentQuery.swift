/// What an incident is about: one of a compromised component (with an optional version range), an
/// advisory, a CI path (builder, workflow, source repository), or an artifact itself.
public struct IncidentQuery: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A package URL, with an optional `vers:` range in `versions`.
        case component
        /// An advisory id in the local advisory database.
        case advisory
        /// A builder id (`https://github.com/actions/runner/github-hosted`).
        case builder
        /// A workflow path (`.github/workflows/release.yml`).
        case workflow
        /// A source repository (`github.com/acme/app`).
        case repository
        /// An artifact digest.
        case artifact
    }

    public var kind: Kind
    public var value: String
    /// For `component`: a `vers:` range, or bare constraints (`>=3.3.6|<3.3.7`, `=3.3.6`).
    public var versions: String?

    public init(_ kind: Kind, _ value: String, versions: String? = nil) {
        self.kind = kind
        self.value = value
        self.versions = versions
    }

    /// `--component pkg:npm/x --versions vers:npm/…`, as the command line spells it.
    public var description: String {
        "--\(kind.rawValue) \(value)" + (versions.map { " --versions \($0)" } ?? "")
    }
}
