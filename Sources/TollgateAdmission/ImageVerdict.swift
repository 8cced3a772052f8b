import TollgateModel
import TollgateVerify

/// The verdict on one container image of an admission request, with how its digest was found.
public struct ImageVerdict: Sendable, Hashable, Codable {
    /// Where the digest came from.
    public enum DigestSource: String, Sendable, Hashable, Codable {
        /// The reference pins it (`name@sha256:…`, or `name:tag@sha256:…`, where the digest wins).
        case reference
        /// A tag-only reference resolved through the ledger's recorded tag observations.
        case tagHistory = "tag-history"
        /// Not found: the image is denied.
        case none
    }

    public let container: ContainerImage
    /// The normalised reference (`docker.io/library/nginx:latest`), when the image parses.
    public let normalized: String?
    public let digest: Digest?
    public let digestFrom: DigestSource
    /// The tag of a `name:tag@sha256:…` reference: recorded as an observation, never trusted.
    public let tagIgnored: String?
    /// How a tag was resolved, in words.
    public let resolution: String?
    public let outcome: Outcome
    /// The gate's rules that failed (or warned), e.g. `artifact.signature`.
    public let rules: [String]
    /// A sentence for the person deploying: what is wrong and what to do.
    public let reason: String
    /// Whether the decision came from the cache (no verification in this request).
    public let cached: Bool

    public init(container: ContainerImage, normalized: String?, digest: Digest?, digestFrom: DigestSource, tagIgnored: String?,
                resolution: String?, outcome: Outcome, rules: [String], reason: String, cached: Bool) {
        self.container = container
        self.normalized = normalized
        self.digest = digest
        self.digestFrom = digestFrom
        self.tagIgnored = tagIgnored
        self.resolution = resolution
        self.outcome = outcome
        self.rules = rules
        self.reason = reason
        self.cached = cached
    }
}
