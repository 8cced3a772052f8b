import ArgumentParser
import Foundation
import TollgateData
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgateStore

/// The gate's state in the data directory: the ledger (`tollgate ledger init --data DIR`) and the
/// inventory derived from it (`DIR/inventory.sqlite`, or PostgreSQL beside a PostgreSQL ledger),
/// shared with the `ledger` commands through `--data`.
struct GateStateOptions: ParsableArguments {
    @OptionGroup var data: LedgerDataOptions

    /// The old JSON inventory, read only by `tollgate inventory migrate`.
    var legacyInventoryPath: String { data.directory.appendingPathComponent("inventory.json").path }

    /// The inventory, opened and prepared. Refuses a data directory that still holds the old
    /// `inventory.json` (it would be silently ignored) unless `migrating`.
    func openInventory(migrating: Bool = false) async throws -> any InventoryStore {
        guard FileManager.default.fileExists(atPath: data.directory.path) else {
            throw LedgerError(.notInitialized, "no data directory '\(data.directory.path)': nothing is recorded; run `tollgate ledger init --data \(data.directory.path)`")
        }
        if !migrating, FileManager.default.fileExists(atPath: legacyInventoryPath) {
            throw InventoryError(.migrationNeeded, "'\(legacyInventoryPath)' is the old inventory file; run `tollgate inventory migrate --data \(data.directory.path)` once")
        }
        let store = try data.openInventoryStore()
        try await store.prepare()
        return store
    }

    /// The inventory, or nil when the data directory does not exist yet (a first `verify`).
    func openInventoryIfPresent() async throws -> (any InventoryStore)? {
        guard FileManager.default.fileExists(atPath: data.directory.path) else { return nil }
        return try await openInventory()
    }

    /// Opens the ledger initialised with `tollgate ledger init`.
    func openLedger() async throws -> Ledger {
        try await data.openLedger().0
    }

    /// The recorder every inventory write goes through: the ledger, the inventory, and the actor
    /// this process records as (the ledger key it signs with, not a name it claims).
    func recorder(migrating: Bool = false) async throws -> InventoryRecorder {
        let ledger = try await openLedger()
        let signer = try LogKeyFile.load(path: data.keyPath)
        return InventoryRecorder(ledger: ledger, store: try await openInventory(migrating: migrating),
                                 actor: DataLocation.keyActor(signer))
    }
}
