/// Snapshot metadata (spec §4.4): the version of every targets metadata file (`ROLE.json`).
public struct TUFSnapshot: Sendable {
    public let metadata: UnverifiedTUFMetadata
    /// File name (`targets.json`, `ROLE.json`) → its METAFILE.
    public let meta: [String: TUFMetaFile]

    public var version: Int { metadata.version }

    public init(_ metadata: UnverifiedTUFMetadata) throws(TUFError) {
        try metadata.require(type: .snapshot, role: "snapshot")
        let fields = try TUFFields(metadata.signed, context: "snapshot.signed").fields("meta")
        var meta: [String: TUFMetaFile] = [:]
        for name in fields.object.keys { meta[name] = try TUFMetaFile(fields.fields(name)) }
        self.metadata = metadata
        self.meta = meta
    }
}
