import TollgateModel

/// What a cached admission decision depends on: the image digest, the policy document's digest,
/// the trusted root's version, the advisory database's revision and the key registry's revision —
/// and the repository, since a
/// cosign signature names the repository it was made for (the same digest pushed to another
/// repository is verified on its own). **Never a tag**: a tag moves,
/// and a decision keyed by one let one image be verified and another run (Kyverno GHSA-2r43).
/// Publishing a policy, updating the trusted root, importing advisories or registering, rotating
/// or revoking a key changes the key, so the next request verifies again.
public struct DecisionCacheKey: Sendable, Hashable, CustomStringConvertible {
    /// `registry/name`, normalised (`docker.io/library/nginx`).
    public let repository: String
    public let digest: Digest
    public let policyDigest: Digest
    public let trustedRootVersion: String
    public let advisoryRevision: Int?
    public let keyRegistryRevision: String?

    public init(repository: String, digest: Digest, policyDigest: Digest, trustedRootVersion: String, advisoryRevision: Int?,
                keyRegistryRevision: String? = nil) {
        self.repository = repository
        self.digest = digest
        self.policyDigest = policyDigest
        self.trustedRootVersion = trustedRootVersion
        self.advisoryRevision = advisoryRevision
        self.keyRegistryRevision = keyRegistryRevision
    }

    public var description: String {
        "\(repository)@\(digest) policy \(policyDigest) root \(trustedRootVersion) advisories \(advisoryRevision.map(String.init) ?? "none") keys \(keyRegistryRevision ?? "none")"
    }
}
