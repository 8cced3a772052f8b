import Foundation

/// Durable storage for a ledger: entries, Merkle tree nodes, the head, signed checkpoints and
/// blobs stored by digest. Implemented by `LedgerStoreSQLite` and `LedgerStorePostgres`.
///
/// Every method is safe to call from several processes sharing one database: `integrate`
/// serializes writers with the database's own lock, and returns only after the batch is durable.
public protocol LedgerStore: Sendable {
    /// Creates the schema when missing. Idempotent.
    func prepare() async throws

    /// The current head (size and right edge).
    func head() async throws -> LedgerHead

    /// Appends a batch at the end of the log in one durable transaction.
    ///
    /// Under the write lock the store reads the head and the last entry (the one at
    /// `head.size - 1`; a log whose head counts entries it does not hold is `store.corrupt`),
    /// calls `integrator`, and writes the leaves it returns at `head.size ..< head.size +
    /// leaves.count`, the returned nodes and the new head. It returns the index of the first leaf
    /// and the integration it committed, only after the transaction committed durably.
    func integrate(using integrator: LedgerIntegrator) async throws -> (first: UInt64, integration: LedgerIntegration)

    /// The entry bytes at `range` (indices past the end are omitted), in index order.
    func entries(in range: Range<UInt64>) async throws -> [Data]

    /// The hashes of the given nodes; absent nodes are omitted.
    func nodes(_ ids: [LedgerNodeID]) async throws -> [LedgerNodeID: [UInt8]]

    /// The log size and the hashes of the given nodes (absent ones omitted), read in one
    /// consistent snapshot: a proof at a given size needs both and makes one round trip.
    func sizeAndNodes(_ ids: [LedgerNodeID]) async throws -> (size: UInt64, nodes: [LedgerNodeID: [UInt8]])

    /// Stores a signed checkpoint (idempotent for the same size and note).
    func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws

    /// The stored checkpoint with the largest size.
    func latestCheckpoint() async throws -> StoredCheckpoint?

    /// Every stored checkpoint with size in `range`, ascending by size.
    func checkpoints(in range: ClosedRange<UInt64>) async throws -> [StoredCheckpoint]

    /// Stores a blob under its digest (`sha256:…`). Idempotent.
    func putBlob(digest: String, data: Data) async throws

    /// The blob stored under `digest`.
    func blob(digest: String) async throws -> Data?
}
