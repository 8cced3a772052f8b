import Foundation
import TollgateModel

/// The payload of an `sbom.imported` entry (`tollgate.dev/ledger/sbom-imported/v1`): an SBOM
/// document, stored once by digest beside the log, describes an artifact. The indexer reads the
/// components (and the direct or transitive relationship) from the document itself.
public struct SBOMImportedEntry: Sendable, Hashable, Codable {
    public static let currentSchemaVersion = "tollgate.dev/ledger/sbom-imported/v1"

    public var schemaVersion: String
    public var artifact: Digest
    /// SHA-256 of the stored document bytes (for JSON, the compact sorted-key encoding: `SBOMDigest`).
    public var document: Digest
    /// `cyclonedx` or `spdx`.
    public var format: String
    /// How it arrived: `attestation` (a trusted signer's, during `verify --record`), `import`
    /// (`inventory import-sbom`, vouched for by whoever ran it) or `migrate`.
    public var via: String
    /// Who signed the attestation it came in, for `attestation`.
    public var signer: String?
    /// The file it was imported from, for `import`.
    public var file: String?
    public var observedAt: Date?

    public init(artifact: Digest, document: Digest, format: String, via: String, signer: String? = nil,
                file: String? = nil, observedAt: Date? = nil) {
        schemaVersion = Self.currentSchemaVersion
        self.artifact = artifact
        self.document = document
        self.format = format
        self.via = via
        self.signer = signer
        self.file = file
        self.observedAt = observedAt
    }
}
