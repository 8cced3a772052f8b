/// Timestamp metadata (spec §4.6): the current snapshot's version (and optionally length and hashes).
public struct TUFTimestamp: Sendable {
    public let metadata: UnverifiedTUFMetadata
    /// `meta["snapshot.json"]`.
    public let snapshotMeta: TUFMetaFile

    public var version: Int { metadata.version }

    public init(_ metadata: UnverifiedTUFMetadata) throws(TUFError) {
        try metadata.require(type: .timestamp, role: "timestamp")
        let meta = try TUFFields(metadata.signed, context: "timestamp.signed").fields("meta")
        guard meta.has("snapshot.json") else { throw TUFError(.malformed, "timestamp.signed.meta has no 'snapshot.json'") }
        self.metadata = metadata
        self.snapshotMeta = try TUFMetaFile(meta.fields("snapshot.json"))
    }
}
