import Foundation
import TollgateModel

/// A tag seen pointing at a digest at a time: the raw material for "which tags moved".
public struct TagObservationRecord: Sendable, Hashable, Codable {
    /// The repository or package name the tag belongs to (`registry.example/app`, `pkg:npm/x`).
    public var repository: String
    public var tag: String
    public var digest: Digest
    public var time: Date

    public init(repository: String, tag: String, digest: Digest, time: Date) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.time = time
    }
}
