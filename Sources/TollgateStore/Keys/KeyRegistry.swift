/// Storage of Tollgate's own signing keys (`KeyRecord`), implemented by `KeyRegistrySQLite` (a
/// file in the data directory) and `KeyRegistryPostgres` (beside the ledger's tables).
///
/// The rules (who may rotate what, the ledger entries) live in `TollgateLedger`'s `KeyLifecycle`;
/// the store only keeps records, safely from several processes at once.
public protocol KeyRegistry: Sendable {
    /// Creates the schema when missing. Idempotent.
    func prepare() async throws
    /// The record of `keyID`, or nil.
    func key(id keyID: String) async throws -> KeyRecord?
    /// Every record, ordered by `validFrom` then key id.
    func keys() async throws -> [KeyRecord]
    /// Inserts `record`, or replaces the record with the same key id, in one transaction with the
    /// other records given (a rotation writes the old and the new key together).
    func save(_ records: [KeyRecord]) async throws
}
