import Foundation
import TollgateModel

/// How a deployment's tag reference was resolved to a digest: through the latest recorded
/// observation of the tag at or before the deployment. Never through a registry lookup: a digest
/// Tollgate did not see is not claimed.
public struct TagResolution: Sendable, Hashable, Codable {
    public var repository: String
    public var tag: String
    public var digest: Digest
    /// When the tag was observed pointing at `digest`.
    public var observedAt: Date

    public init(repository: String, tag: String, digest: Digest, observedAt: Date) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.observedAt = observedAt
    }

    /// "resolved through tag observation of registry.example/app:1.2 at 2026-…".
    public var sentence: String {
        "resolved through tag observation of \(repository):\(tag) at \(InstantText.format(observedAt))"
    }
}
