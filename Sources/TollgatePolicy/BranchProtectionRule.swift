/// `source.branchProtection`: what a trusted source audit must report about the default branch of the
/// provenance's source commit (its exported repository settings). A requirement left out is not checked;
/// the branch must be protected in any case.
public struct BranchProtectionRule: Sendable, Hashable {
    /// The fewest approving reviews the branch must require.
    public var minReviews: Int?
    /// `true`: review from code owners must be required.
    public var codeOwnerReview: Bool?
    /// `true`: approvals must be dismissed when new commits are pushed.
    public var dismissStale: Bool?

    public init(minReviews: Int? = nil, codeOwnerReview: Bool? = nil, dismissStale: Bool? = nil) {
        self.minReviews = minReviews
        self.codeOwnerReview = codeOwnerReview
        self.dismissStale = dismissStale
    }
}
