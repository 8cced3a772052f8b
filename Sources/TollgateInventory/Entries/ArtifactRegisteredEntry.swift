import Foundation
import TollgateModel

/// The payload of an `artifact.registered` entry (`tollgate.dev/ledger/artifact-registered/v1`):
/// an artifact's identity, the provenance facts recorded about it with who vouches for each, and
/// the verified signatures over it and its attestations.
public struct ArtifactRegisteredEntry: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = "tollgate.dev/ledger/artifact-registered/v1"

    public var schemaVersion: String
    public var digest: Digest
    public var name: String?
    public var version: String?
    /// The package URL with version, when known.
    public var purl: String?
    public var mediaType: String?
    public var provenance: [RecordedProvenance]
    public var signatures: [RecordedSignature]
    /// What recorded it: `verify`, `import-sbom`, `migrate`, or `register` (the server's `POST /v1/artifacts`).
    public var recordedBy: String
    /// When the recorder says it saw the artifact, when that is not the entry's own time (a migrated
    /// record keeps its old first-seen time). The entry time is the ledger's.
    public var observedAt: Date?
    /// The CODEOWNERS owners of its source, from a trusted source audit (`verify` records it).
    public var codeOwners: RecordedCodeOwners?

    public init(digest: Digest, name: String? = nil, version: String? = nil, purl: String? = nil, mediaType: String? = nil,
                provenance: [RecordedProvenance] = [], signatures: [RecordedSignature] = [], recordedBy: String,
                observedAt: Date? = nil) {
        schemaVersion = Self.currentSchemaVersion
        self.digest = digest
        self.name = name
        self.version = version
        self.purl = purl
        self.mediaType = mediaType
        self.provenance = provenance
        self.signatures = signatures
        self.recordedBy = recordedBy
        self.observedAt = observedAt
    }
}
