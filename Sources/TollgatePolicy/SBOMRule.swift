/// `artifact.sbom`: an SBOM inside a verified attestation by a trusted SBOM signer, describing at
/// least `minComponents` components. An unsigned SBOM is self-asserted: shown, never used.
public struct SBOMRule: Sendable, Hashable {
    public var required: Bool
    /// Who may sign the SBOM attestation; `nil` means the `artifact.signature` signers.
    public var signers: TrustedSigners?
    /// The fewest components a usable SBOM lists (default 1: an empty SBOM describes nothing).
    public var minComponents: Int
    /// `artifact.sbom.matchesArtifact: true`: the gate reads the packages the artifact itself
    /// contains (the lockfiles in a directory or archive) and denies an SBOM that leaves any out
    /// (rule `artifact.sbom.matchesArtifact`).
    public var matchesArtifact: Bool
    public var action: RuleAction

    public init(required: Bool = true, signers: TrustedSigners? = nil, minComponents: Int = 1, matchesArtifact: Bool = false,
                action: RuleAction = .deny) {
        self.required = required
        self.signers = signers
        self.minComponents = minComponents
        self.matchesArtifact = matchesArtifact
        self.action = action
    }
}
