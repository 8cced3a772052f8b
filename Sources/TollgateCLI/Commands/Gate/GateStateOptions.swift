import ArgumentParser
import Foundation
import TollgateInventory
import TollgateLedger

/// The gate's state: the ledger (`tollgate ledger init --data DIR`) and the inventory beside it
/// (`DIR/inventory.json`), shared with the `ledger` commands through `--data`.
struct GateStateOptions: ParsableArguments {
    @OptionGroup var data: LedgerDataOptions

    var inventoryFile: InventoryFile {
        InventoryFile(path: data.directory.appendingPathComponent("inventory.json").path)
    }

    /// The inventory, or nil when the data directory does not exist yet.
    func loadInventory() throws -> Inventory? {
        guard FileManager.default.fileExists(atPath: data.directory.path) else { return nil }
        return try inventoryFile.load()
    }

    /// Opens the ledger initialised with `tollgate ledger init`.
    func openLedger() async throws -> Ledger {
        try await data.openLedger().0
    }
}
