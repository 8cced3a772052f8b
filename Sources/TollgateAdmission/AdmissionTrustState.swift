/// The trust inputs in force for a decision besides the policy: which trusted root, which
/// advisory-database revision and which state of the key registry. All are part of
/// `DecisionCacheKey`, so a change to any of them verifies again.
public struct AdmissionTrustState: Sendable, Hashable {
    /// The SHA-256 of the trusted root in force (`sha256:…`).
    public let trustedRootVersion: String
    /// The advisory database's revision, nil when the server has none.
    public let advisoryRevision: Int?
    /// The key registry's revision (`KeyRecord.revision(of:)`): registering, rotating or revoking a
    /// key changes it. Nil where no registry is consulted.
    public let keyRegistryRevision: String?

    public init(trustedRootVersion: String, advisoryRevision: Int?, keyRegistryRevision: String? = nil) {
        self.trustedRootVersion = trustedRootVersion
        self.advisoryRevision = advisoryRevision
        self.keyRegistryRevision = keyRegistryRevision
    }
}
