import TollgateLedger
import TollgateStore

/// Every store of one Tollgate installation, opened on one backend: SQLite files in the data
/// directory, or one PostgreSQL schema through one connection pool.
public struct DataStores: Sendable {
    public let ledger: any LedgerStore
    public let tokens: any TokenStore
    public let evidence: any EvidenceStore
    public let policies: any PolicyStore
    /// The inventory derived from the ledger (`TollgateInventory` indexes into it).
    public let inventory: any InventoryStore
    /// The key registry (`tollgate key register`): the gate judges registered keys at signing time.
    public let keys: any KeyRegistry
    /// The durable alert outbox (docs/dashboard.md#alerts).
    public let alerts: any AlertOutbox
    /// `sqlite` or `postgres`.
    public let backend: String

    /// Every registered key by key id, read now (a revocation by the CLI counts at the next decision).
    public func registeredKeys() async throws -> [String: KeyRecord] {
        Dictionary(try await keys.keys().map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Creates every schema when missing (idempotent; several processes may do it at once).
    public func prepare() async throws {
        try await ledger.prepare()
        try await tokens.prepare()
        try await evidence.prepare()
        try await policies.prepare()
        try await inventory.prepare()
        try await keys.prepare()
        try await alerts.prepare()
    }
}
