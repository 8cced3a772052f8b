import Foundation
import TollgateModel

/// The payload of a `tag.observed` entry (`tollgate.dev/ledger/tag-observed/v1`): a tag seen
/// pointing at a digest. Entries written before the inventory moved into a database
/// (`{repository, tag, digest, time}`, no schema version) decode too: `time` becomes `observedAt`.
public struct TagObservedEntry: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = "tollgate.dev/ledger/tag-observed/v1"

    public var schemaVersion: String
    /// The repository or package name (`registry.example/app`).
    public var repository: String
    public var tag: String
    public var digest: Digest
    /// When the recorder saw it, when not the entry time.
    public var observedAt: Date?

    public init(repository: String, tag: String, digest: Digest, observedAt: Date? = nil) {
        schemaVersion = Self.currentSchemaVersion
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.observedAt = observedAt
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, repository, tag, digest, observedAt, time
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decodeIfPresent(String.self, forKey: .schemaVersion) ?? "legacy"
        repository = try container.decode(String.self, forKey: .repository)
        tag = try container.decode(String.self, forKey: .tag)
        digest = try container.decode(Digest.self, forKey: .digest)
        observedAt = try container.decodeIfPresent(Date.self, forKey: .observedAt)
            ?? container.decodeIfPresent(Date.self, forKey: .time)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(repository, forKey: .repository)
        try container.encode(tag, forKey: .tag)
        try container.encode(digest, forKey: .digest)
        try container.encodeIfPresent(observedAt, forKey: .observedAt)
    }
}
