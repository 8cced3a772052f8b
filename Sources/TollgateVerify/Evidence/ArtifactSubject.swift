import TollgateModel

/// The artifact a decision is about.
public struct ArtifactSubject: Sendable, Hashable, Codable {
    public var digest: Digest
    /// A display name (file name, image repository, package name).
    public var name: String?
    /// The package URL, when known (used for continuity across versions).
    public var purl: String?
    /// How a deployment references the artifact (`registry/app@sha256:…` or `registry/app:1.2`),
    /// for `deploy.byDigest`. `nil` when the artifact is addressed by its digest alone.
    public var reference: String?

    public init(digest: Digest, name: String? = nil, purl: String? = nil, reference: String? = nil) {
        self.digest = digest
        self.name = name
        self.purl = purl
        self.reference = reference
    }
}
