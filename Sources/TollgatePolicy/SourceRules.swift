/// Rules on where the code came from, read from the artifact's SLSA provenance.
public struct SourceRules: Sendable, Hashable {
    /// Allowed source repositories (`github.com/acme/*`), matched against the normalised repository.
    public var repositories: [GlobPattern]
    /// Allowed refs (`refs/tags/v*`, `refs/heads/main`).
    public var refs: [GlobPattern]
    /// `true`: the provenance must name the exact source commit (a full 40- or 64-hex id).
    public var requireCommit: Bool?
    /// Flag an "unfamiliar fork": a source repository or builder that differs from the package's
    /// previous versions in the inventory or ledger.
    public var continuity: ContinuityRule?
    /// Who is trusted to sign source-audit attestations (`tollgate audit --attest`); never defaulted.
    public var auditors: TrustedSigners?
    /// What a trusted source audit of the source commit must say about the default branch's protection.
    public var branchProtection: BranchProtectionRule?
    /// `true`: a trusted source audit says every workflow, deployment and policy file has a code owner.
    public var workflowOwners: Bool?
    public var action: RuleAction

    public init(repositories: [GlobPattern] = [], refs: [GlobPattern] = [], requireCommit: Bool? = nil,
                continuity: ContinuityRule? = nil, action: RuleAction = .deny) {
        self.repositories = repositories
        self.refs = refs
        self.requireCommit = requireCommit
        self.continuity = continuity
        self.action = action
    }
}
