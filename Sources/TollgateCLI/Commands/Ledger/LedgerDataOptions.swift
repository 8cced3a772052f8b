import ArgumentParser
import Foundation
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateStorePostgres
import TollgateStoreSQLite
import TollgateTransparency

/// `--data DIR` (default `$TOLLGATE_DATA` or `./tollgate-data`) and opening the ledger in it.
struct LedgerDataOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Data directory (default: $TOLLGATE_DATA or ./tollgate-data).")
    var data: String?

    var directory: URL {
        URL(fileURLWithPath: data ?? ProcessInfo.processInfo.environment["TOLLGATE_DATA"] ?? "./tollgate-data")
    }

    var keyPath: String { directory.appendingPathComponent("ledger.key").path }
    var verifierKeyPath: String { directory.appendingPathComponent("ledger.vkey").path }
    var configPath: String { directory.appendingPathComponent(LedgerConfig.fileName).path }

    func loadConfig() throws -> LedgerConfig {
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw LedgerError(.notInitialized, "no ledger in '\(directory.path)'; run `tollgate ledger init --data \(directory.path)`")
        }
        do {
            return try JSONDecoder().decode(LedgerConfig.self, from: data)
        } catch {
            throw LedgerError(.notInitialized, "'\(configPath)' is not a ledger configuration: \(ErrorText.describe(error))")
        }
    }

    func openStore(_ config: LedgerConfig) throws -> any LedgerStore {
        switch config.store {
        case "sqlite":
            return try LedgerStoreSQLite(path: directory.appendingPathComponent(LedgerStoreSQLite.defaultFileName).path)
        case "postgres":
            return try LedgerStorePostgres(url: try postgresURL(config), schema: config.postgresSchema ?? "public")
        default:
            throw StoreError(.invalidConfiguration, "unknown ledger store '\(config.store)'; expected sqlite or postgres")
        }
    }

    /// The PostgreSQL URL of a `postgres` ledger: its configuration, else `$TOLLGATE_LEDGER_POSTGRES`.
    func postgresURL(_ config: LedgerConfig) throws -> String {
        guard let url = config.postgresURL ?? ProcessInfo.processInfo.environment["TOLLGATE_LEDGER_POSTGRES"] else {
            throw StoreError(.invalidConfiguration, "the ledger uses PostgreSQL but no URL is configured")
        }
        return url
    }

    /// The inventory store beside the ledger: PostgreSQL (same URL and schema) when the ledger is
    /// there, else SQLite `inventory.sqlite` in the data directory (also before `ledger init`).
    func openInventoryStore() throws -> any InventoryStore {
        if FileManager.default.fileExists(atPath: configPath) {
            let config = try loadConfig()
            switch config.store {
            case "sqlite":
                break
            case "postgres":
                return try InventoryStorePostgres(url: try postgresURL(config), schema: config.postgresSchema ?? "public")
            default:
                throw StoreError(.invalidConfiguration, "unknown ledger store '\(config.store)'; expected sqlite or postgres")
            }
        }
        return try InventoryStoreSQLite(path: directory.appendingPathComponent(InventoryStoreSQLite.defaultFileName).path)
    }

    /// Opens the initialized ledger: config, store and signing key.
    func openLedger() async throws -> (Ledger, LedgerConfig) {
        let config = try loadConfig()
        let signer = try LogKeyFile.load(path: keyPath)
        guard signer.name == config.origin else {
            throw LedgerError(.invalidKey, "the log key is for '\(signer.name)' but the ledger origin is '\(config.origin)'")
        }
        return (try await Ledger.open(store: try openStore(config), signer: signer), config)
    }

    /// The log's own verifier key.
    func verifier() throws -> Ed25519NoteVerifier {
        try LogKeyFile.load(path: keyPath).verifier
    }
}
