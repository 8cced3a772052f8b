/// What `tollgate verify-provenance` requires of the provenance, as slsa-verifier's flags do.
public struct ProvenanceExpectations: Sendable, Hashable {
    /// `github.com/org/repo` (scheme and `git+` optional).
    public var sourceURI: String
    public var sourceTag: String?
    public var sourceBranch: String?
    /// Exact builder id; when it has no `@version`, any version of that builder is accepted.
    public var builderID: String?

    public init(sourceURI: String, sourceTag: String? = nil, sourceBranch: String? = nil, builderID: String? = nil) {
        self.sourceURI = sourceURI
        self.sourceTag = sourceTag
        self.sourceBranch = sourceBranch
        self.builderID = builderID
    }
}
