import ArgumentParser
import Foundation
import TollgateData
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateStorePostgres
import TollgateStoreSQLite

/// `--data DIR` for the key registry commands: the registry sits beside the ledger (SQLite
/// `DIR/keys.sqlite`, or the ledger's PostgreSQL schema), and every change is a ledger entry, so
/// the data directory must hold a ledger (`tollgate ledger init`).
struct KeyRegistryOptions: ParsableArguments, Sendable {
    @OptionGroup var data: LedgerDataOptions

    @Option(help: "Who makes the change, for the ledger entry (default: cli:$USER).")
    var actor: String?

    var actorName: String { actor ?? "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")" }

    /// The registry of the data directory's store, prepared.
    func openRegistry(_ config: LedgerConfig) async throws -> any KeyRegistry {
        let registry: any KeyRegistry
        switch config.store {
        case "postgres":
            guard let url = config.postgresURL ?? ProcessInfo.processInfo.environment["TOLLGATE_LEDGER_POSTGRES"] else {
                throw StoreError(.invalidConfiguration, "the ledger uses PostgreSQL but no URL is configured")
            }
            registry = try KeyRegistryPostgres(database: try PostgresDatabase(url: url), schema: config.postgresSchema ?? "public")
        default:
            registry = try KeyRegistrySQLite(path: data.directory.appendingPathComponent(KeyRegistrySQLite.defaultFileName).path)
        }
        try await registry.prepare()
        return registry
    }

    /// The ledger and registry of the data directory.
    func lifecycle() async throws -> KeyLifecycle {
        let (ledger, config) = try await data.openLedger()
        return KeyLifecycle(registry: try await openRegistry(config), ledger: ledger)
    }

    /// A key id, or the path of a PEM public key file whose key id is meant.
    static func keyID(_ argument: String) throws -> String {
        guard FileManager.default.fileExists(atPath: argument) else { return argument }
        let pem = String(decoding: try InputFile.read(argument, limit: 1 << 20), as: UTF8.self)
        return try PublicKey(pem: pem).keyID
    }

    /// A date given as `YYYY-MM-DD` or ISO 8601 (`2026-12-31T00:00:00Z`).
    static func date(_ text: String?, flag: String) throws -> Date? {
        guard let text else { return nil }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        if let date = try? Date(text + "T00:00:00Z", strategy: Date.ISO8601FormatStyle()) { return date }
        throw ValidationError("\(flag) takes a date: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, found '\(text.prefix(40))'")
    }
}
