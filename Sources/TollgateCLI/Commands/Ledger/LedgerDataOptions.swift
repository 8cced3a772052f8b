import ArgumentParser
import Foundation
import TollgateData
import TollgateLedger
import TollgateStore
import TollgateTransparency

/// `--data DIR` (default `$TOLLGATE_DATA` or `./tollgate-data`) and opening the ledger in it
/// (`DataLocation`, shared with the server).
struct LedgerDataOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Data directory (default: $TOLLGATE_DATA or ./tollgate-data).")
    var data: String?

    /// The data directory as the libraries open it.
    var location: DataLocation { DataLocation(directory: data) }

    var directory: URL { location.directory }
    var keyPath: String { location.keyPath }
    var verifierKeyPath: String { location.verifierKeyPath }
    var configPath: String { location.configPath }

    func loadConfig() throws -> LedgerConfig {
        try location.loadConfig()
    }

    func openStore(_ config: LedgerConfig) throws -> any LedgerStore {
        try location.openLedgerStore(config)
    }

    /// The inventory store beside the ledger (`DataLocation.openInventoryStore`).
    func openInventoryStore() throws -> any InventoryStore {
        try location.openInventoryStore()
    }

    /// Opens the initialized ledger: config, store and signing key.
    func openLedger() async throws -> (Ledger, LedgerConfig) {
        try await location.openLedger()
    }

    /// The log's own verifier key.
    func verifier() throws -> Ed25519NoteVerifier {
        try LogKeyFile.load(path: keyPath).verifier
    }
}
