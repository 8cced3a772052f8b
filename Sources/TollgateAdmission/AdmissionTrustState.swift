/// The trust inputs in force for a decision besides the policy: which trusted root and which
/// advisory-database revision. Both are part of `DecisionCacheKey`.
public struct AdmissionTrustState: Sendable, Hashable {
    /// The SHA-256 of the trusted root in force (`sha256:…`).
    public let trustedRootVersion: String
    /// The advisory database's revision, nil when the server has none.
    public let advisoryRevision: Int?

    public init(trustedRootVersion: String, advisoryRevision: Int?) {
        self.trustedRootVersion = trustedRootVersion
        self.advisoryRevision = advisoryRevision
    }
}
