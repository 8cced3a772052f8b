/// `artifact.provenance`: SLSA provenance from a verified attestation by a trusted provenance
/// signer, of an accepted SLSA version, matching the listed builders and source repositories.
public struct ProvenanceRule: Sendable, Hashable {
    public var required: Bool
    /// Accepted SLSA versions: `v0.2`, `v1` (default both).
    public var versions: [String]
    /// Shorthand kept from the design sketch: allowed builder ids.
    public var builders: [GlobPattern]
    /// Shorthand kept from the design sketch: allowed source repositories.
    public var sourceRepositories: [GlobPattern]
    /// Who may sign provenance; `nil` means the `artifact.signature` signers.
    public var signers: TrustedSigners?
    public var action: RuleAction

    public init(required: Bool = true, versions: [String] = ["v0.2", "v1"], builders: [GlobPattern] = [],
                sourceRepositories: [GlobPattern] = [], signers: TrustedSigners? = nil, action: RuleAction = .deny) {
        self.required = required
        self.versions = versions
        self.builders = builders
        self.sourceRepositories = sourceRepositories
        self.signers = signers
        self.action = action
    }
}
