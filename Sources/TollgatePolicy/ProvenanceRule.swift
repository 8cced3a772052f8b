/// `artifact.provenance`: SLSA provenance must be present (and, when `signed`, come from a verified
/// attestation), of an accepted SLSA version, and match the listed builders and source repositories.
public struct ProvenanceRule: Sendable, Hashable {
    public var required: Bool
    /// Accepted SLSA versions: `v0.2`, `v1` (default both).
    public var versions: [String]
    /// Shorthand kept from the design sketch: allowed builder ids.
    public var builders: [GlobPattern]
    /// Shorthand kept from the design sketch: allowed source repositories.
    public var sourceRepositories: [GlobPattern]
    public var action: RuleAction

    public init(required: Bool = true, versions: [String] = ["v0.2", "v1"], builders: [GlobPattern] = [],
                sourceRepositories: [GlobPattern] = [], action: RuleAction = .deny) {
        self.required = required
        self.versions = versions
        self.builders = builders
        self.sourceRepositories = sourceRepositories
        self.action = action
    }
}
