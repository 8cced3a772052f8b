import Foundation
import TollgateModel

/// The server's index of registered artifacts (with whether they are disclosed) and the evidence
/// attached to them; their decisions are in the inventory. Implemented by `EvidenceStoreSQLite` (`DIR/server.sqlite`) and
/// `EvidenceStorePostgres` (beside a PostgreSQL ledger).
///
/// Every row points at the ledger entry that recorded it (the ledger is the source of truth) and
/// documents live in the ledger's blob store by digest. Several server processes may share one
/// store; writes are idempotent, so a retried request adds no second row.
public protocol EvidenceStore: Sendable {
    /// Creates the schema when missing. Idempotent.
    func prepare() async throws

    /// Registers an artifact. Returns the stored registration and whether this call created it (an
    /// existing registration of the digest is returned unchanged).
    func register(_ artifact: ArtifactRegistration) async throws -> (ArtifactRegistration, created: Bool)

    func artifact(_ digest: Digest) async throws -> ArtifactRegistration?

    /// Registered artifacts in digest order after `after`, at most `limit`; only disclosed ones when
    /// `publicOnly`.
    func artifacts(publicOnly: Bool, after: Digest?, limit: Int) async throws -> [ArtifactRegistration]

    /// Sets whether the artifact is disclosed; returns the updated registration, nil when unknown.
    func setPublic(_ digest: Digest, _ isPublic: Bool) async throws -> ArtifactRegistration?

    /// Attaches a verified document to its subject. Returns the stored attachment and whether this
    /// call created it (the same document attached twice keeps the first).
    func attach(_ evidence: EvidenceAttachment) async throws -> (EvidenceAttachment, created: Bool)

    /// The evidence attached to `subject`, in the order it was stored.
    func evidence(of subject: Digest) async throws -> [EvidenceAttachment]
}
