/// What exported repository and organization settings say about the source boundary, as `tollgate audit`
/// derived it; the part of a source-audit attestation the gate's `source.branchProtection` rule reads.
/// A `nil` fact is one the exported files do not state: the gate treats it as unknown, never as passing.
public struct SourceSettings: Sendable, Codable, Equatable {
    public var defaultBranch: String?
    /// Protected by classic branch protection or an active branch ruleset; nil without branch data.
    public var branchProtected: Bool?
    public var requiredApprovals: Int?
    public var codeOwnerReview: Bool?
    public var dismissStaleApprovals: Bool?
    public var forcePushBlocked: Bool?
    public var deletionBlocked: Bool?
    /// An active tag ruleset blocks updating and deleting release tags; nil without rulesets.
    public var releaseTagsProtected: Bool?
    public var organizationTwoFactorRequired: Bool?
    /// `read` or `write`: the GITHUB_TOKEN's default permissions.
    public var defaultWorkflowPermissions: String?
    public var workflowsCanApprovePullRequests: Bool?
    /// The settings files these facts come from.
    public var sources: [String] = []

    public init() {}
}
