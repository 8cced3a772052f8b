import TollgateModel

/// Everything a registry holds about an image being verified: its own evidence, that of an index
/// listing it (an index-level signature covers a platform manifest a node pulled), and, for an
/// index, that of each platform manifest (for `artifact.signature.imageIndex: platform`).
public struct ImageEvidence: Sendable {
    public var repository: Repository
    /// The manifest verified: the decision is about this digest.
    public var digest: Digest
    /// True when `digest` names an index (a multi-platform image).
    public var isIndex: Bool
    public var found: DiscoveredEvidence
    /// An index that lists `digest`, and what it carries.
    public var index: DiscoveredEvidence?
    /// For an index: each platform manifest it lists and what it carries.
    public var platforms: [PlatformEvidence]

    public init(repository: Repository, digest: Digest, isIndex: Bool, found: DiscoveredEvidence,
                index: DiscoveredEvidence? = nil, platforms: [PlatformEvidence] = []) {
        self.repository = repository
        self.digest = digest
        self.isIndex = isIndex
        self.found = found
        self.index = index
        self.platforms = platforms
    }

    /// One platform manifest of an index and the evidence found for it.
    public struct PlatformEvidence: Sendable {
        public var descriptor: Descriptor
        public var found: DiscoveredEvidence

        public init(descriptor: Descriptor, found: DiscoveredEvidence) {
            self.descriptor = descriptor
            self.found = found
        }
    }
}
