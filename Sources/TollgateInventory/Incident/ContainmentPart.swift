import Foundation
import TollgateModel

/// Part 5, `containment`: the digests to block at the gate and admission, the tags to freeze so
/// nobody re-points them unseen, and the builders, workflows and signing keys whose credentials to
/// rotate.
public struct ContainmentPart: Sendable, Hashable, Codable {
    public struct BlockedDigest: Sendable, Hashable, Codable {
        public var digest: Digest
        public var name: String?
        public var reason: String
    }

    public struct FrozenTag: Sendable, Hashable, Codable {
        public var repository: String
        public var tag: String
        /// The digest it was last seen pointing at.
        public var current: Digest
        public var pointsAtAffected: Bool
        /// It has pointed at more than one digest.
        public var moved: Bool
        public var history: [Observation]
        public var reason: String

        public struct Observation: Sendable, Hashable, Codable {
            public var digest: Digest
            public var time: Date
        }
    }

    public struct Credential: Sendable, Hashable, Codable {
        /// `builder`, `workflow` or `signing-key`.
        public var kind: String
        public var value: String
        public var artifacts: [Digest]
        public var reason: String
    }

    public var blockDigests: [BlockedDigest]
    public var freezeTags: [FrozenTag]
    public var rotateCredentials: [Credential]
    public var statement: String
}
