import Foundation
import TollgateModel

/// A verified evidence document attached to its subject. The document itself is in the ledger's
/// blob store under `document`; `summary` is what verification found (JSON, shown to readers).
public struct EvidenceAttachment: Sendable, Hashable, Codable {
    /// The artifact it is about.
    public var subject: Digest
    /// SHA-256 of the document bytes (its blob name).
    public var document: Digest
    /// `signature`, `bundle`, `attestation`, `sbom` or `scan`.
    public var kind: String
    public var mediaType: String
    /// The verification summary (canonical JSON).
    public var summary: Data
    public var stored: Date
    public var storedBy: String
    /// The ledger index of its `attestation.stored` entry.
    public var ledgerIndex: UInt64

    public init(subject: Digest, document: Digest, kind: String, mediaType: String, summary: Data, stored: Date,
                storedBy: String, ledgerIndex: UInt64) {
        self.subject = subject
        self.document = document
        self.kind = kind
        self.mediaType = mediaType
        self.summary = summary
        self.stored = stored
        self.storedBy = storedBy
        self.ledgerIndex = ledgerIndex
    }
}
