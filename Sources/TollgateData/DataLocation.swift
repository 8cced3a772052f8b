import Foundation
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateStorePostgres
import TollgateStoreSQLite
import TollgateTransparency

/// Where a Tollgate installation keeps its state, as the CLI (`--data DIR`) and the server
/// (`--data DIR` or `--database postgres://…`) both open it.
///
/// The data directory holds the ledger's configuration (`ledger.json`), its signing key
/// (`ledger.key`, mode 0600) and, for the embedded default, the SQLite files: `ledger.sqlite`,
/// `tokens.sqlite` and `server.sqlite`. A ledger initialised on PostgreSQL keeps every store in
/// that database's schema. `databaseURL` puts the stores in PostgreSQL without a `ledger.json`
/// (server replicas), with the signing key read from `keyPath`.
public struct DataLocation: Sendable {
    public let directory: URL
    /// A PostgreSQL URL that replaces the data directory's configuration.
    public let databaseURL: String?
    /// The PostgreSQL schema with `databaseURL` (default `public`).
    public let schema: String?
    /// The ledger's signing key.
    public let keyPath: String

    /// `directory` defaults to `$TOLLGATE_DATA`, else `./tollgate-data`; `keyPath` to `DIR/ledger.key`.
    public init(directory: String? = nil, databaseURL: String? = nil, schema: String? = nil, keyPath: String? = nil) {
        let path = directory ?? ProcessInfo.processInfo.environment["TOLLGATE_DATA"] ?? "./tollgate-data"
        self.directory = URL(fileURLWithPath: path)
        self.databaseURL = databaseURL
        self.schema = schema
        self.keyPath = keyPath ?? self.directory.appendingPathComponent("ledger.key").path
    }

    public var verifierKeyPath: String { directory.appendingPathComponent("ledger.vkey").path }
    public var configPath: String { directory.appendingPathComponent(LedgerConfig.fileName).path }

    /// The ledger configuration: `DIR/ledger.json`, or with `databaseURL` one naming that database
    /// and the signing key's origin.
    public func loadConfig() throws -> LedgerConfig {
        if let databaseURL {
            let signer = try LogKeyFile.load(path: keyPath)
            return LedgerConfig(origin: signer.name, store: "postgres", postgresURL: databaseURL, postgresSchema: schema ?? "public")
        }
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw LedgerError(.notInitialized, "no ledger in '\(directory.path)'; run `tollgate ledger init --data \(directory.path)`")
        }
        do {
            return try JSONDecoder().decode(LedgerConfig.self, from: data)
        } catch {
            throw LedgerError(.notInitialized, "'\(configPath)' is not a ledger configuration: \(ErrorText.describe(error))")
        }
    }

    /// The PostgreSQL URL of a `postgres` configuration: its own, else `$TOLLGATE_LEDGER_POSTGRES`.
    public func postgresURL(_ config: LedgerConfig) throws -> String {
        guard let url = config.postgresURL ?? ProcessInfo.processInfo.environment["TOLLGATE_LEDGER_POSTGRES"] else {
            throw StoreError(.invalidConfiguration, "the ledger uses PostgreSQL but no URL is configured")
        }
        return url
    }

    /// The ledger store alone (the `ledger` commands).
    public func openLedgerStore(_ config: LedgerConfig) throws -> any LedgerStore {
        switch config.store {
        case "sqlite":
            return try LedgerStoreSQLite(path: file(LedgerStoreSQLite.defaultFileName))
        case "postgres":
            return try LedgerStorePostgres(url: try postgresURL(config), schema: config.postgresSchema ?? "public")
        default:
            throw Self.unknownStore(config)
        }
    }

    /// The inventory store beside the ledger: PostgreSQL (same URL and schema) when the ledger is
    /// there, else SQLite `inventory.sqlite` in the data directory (also before `ledger init`).
    public func openInventoryStore() throws -> any InventoryStore {
        if databaseURL != nil || FileManager.default.fileExists(atPath: configPath) {
            let config = try loadConfig()
            switch config.store {
            case "sqlite":
                break
            case "postgres":
                return try InventoryStorePostgres(url: try postgresURL(config), schema: config.postgresSchema ?? "public")
            default:
                throw Self.unknownStore(config)
            }
        }
        return try InventoryStoreSQLite(path: file(InventoryStoreSQLite.defaultFileName))
    }

    /// The key registry beside the ledger (`tollgate key register`): PostgreSQL (the ledger's URL and
    /// schema) or SQLite `keys.sqlite` in the data directory, prepared.
    public func openKeyRegistry(_ config: LedgerConfig) async throws -> any KeyRegistry {
        let registry: any KeyRegistry
        switch config.store {
        case "sqlite":
            registry = try KeyRegistrySQLite(path: file(KeyRegistrySQLite.defaultFileName))
        case "postgres":
            registry = try KeyRegistryPostgres(database: try PostgresDatabase(url: try postgresURL(config)),
                                               schema: config.postgresSchema ?? "public")
        default:
            throw Self.unknownStore(config)
        }
        try await registry.prepare()
        return registry
    }

    /// Every registered key by key id, for the gate to judge signatures at signing time; empty when
    /// the data directory holds no ledger (and so no registry) or no registry file yet.
    public func registeredKeys() async throws -> [String: KeyRecord] {
        guard databaseURL != nil || FileManager.default.fileExists(atPath: configPath) else { return [:] }
        let config = try loadConfig()
        if config.store == "sqlite", !FileManager.default.fileExists(atPath: file(KeyRegistrySQLite.defaultFileName)) { return [:] }
        let records = try await openKeyRegistry(config).keys()
        return Dictionary(records.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every store, on the configuration's backend; PostgreSQL stores share one pool of up to
    /// `maxConnections` connections.
    public func openStores(_ config: LedgerConfig, maxConnections: Int = 4) throws -> DataStores {
        switch config.store {
        case "sqlite":
            let server = file(EvidenceStoreSQLite.defaultFileName)
            return DataStores(ledger: try LedgerStoreSQLite(path: file(LedgerStoreSQLite.defaultFileName)),
                              tokens: try TokenStoreSQLite(path: file(TokenStoreSQLite.defaultFileName)),
                              evidence: try EvidenceStoreSQLite(path: server), policies: try PolicyStoreSQLite(path: server),
                              inventory: try InventoryStoreSQLite(path: file(InventoryStoreSQLite.defaultFileName)),
                              keys: try KeyRegistrySQLite(path: file(KeyRegistrySQLite.defaultFileName)),
                              alerts: try AlertOutboxSQLite(path: server),
                              backend: "sqlite")
        case "postgres":
            let database = try PostgresDatabase(url: try postgresURL(config), maxConnections: maxConnections)
            let schema = config.postgresSchema ?? "public"
            return DataStores(ledger: try LedgerStorePostgres(database: database, schema: schema),
                              tokens: try TokenStorePostgres(database: database, schema: schema),
                              evidence: try EvidenceStorePostgres(database: database, schema: schema),
                              policies: try PolicyStorePostgres(database: database, schema: schema),
                              inventory: try InventoryStorePostgres(database: database, schema: schema),
                              keys: try KeyRegistryPostgres(database: database, schema: schema),
                              alerts: try AlertOutboxPostgres(database: database, schema: schema),
                              backend: "postgres")
        default:
            throw Self.unknownStore(config)
        }
    }

    /// The log's signing key, checked against the configuration's origin.
    public func signer(for config: LedgerConfig) throws -> Ed25519NoteSigner {
        let signer = try LogKeyFile.load(path: keyPath)
        guard signer.name == config.origin else {
            throw LedgerError(.invalidKey, "the log key is for '\(signer.name)' but the ledger origin is '\(config.origin)'")
        }
        return signer
    }

    /// Opens the initialized ledger: configuration, store and signing key.
    public func openLedger() async throws -> (Ledger, LedgerConfig) {
        let config = try loadConfig()
        let signer = try signer(for: config)
        return (try await Ledger.open(store: try openLedgerStore(config), signer: signer), config)
    }

    /// Creates the data directory (mode 0700), the log's Ed25519 key (mode 0600), the ledger store
    /// (SQLite here, or PostgreSQL at `postgresURL` in `schema`), an empty signed checkpoint, and
    /// `ledger.json` and `ledger.vkey`. Returns the configuration and the C2SP verifier key.
    public func initialize(origin: String, postgresURL: String? = nil, schema: String = "public") async throws -> (LedgerConfig, verifierKey: String) {
        if FileManager.default.fileExists(atPath: configPath) {
            throw LedgerError(.alreadyInitialized, "'\(directory.path)' already holds a ledger")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LedgerError(.io, "cannot create '\(directory.path)': \(ErrorText.describe(error))")
        }
        let signer = try LogKeyFile.create(path: keyPath, name: origin)
        let config = LedgerConfig(origin: origin, store: postgresURL == nil ? "sqlite" : "postgres",
                                  postgresURL: postgresURL, postgresSchema: postgresURL == nil ? nil : schema)
        let ledger = try await Ledger.open(store: try openLedgerStore(config), signer: signer)
        _ = try await ledger.checkpoint()
        let verifierKey = signer.verifier.verifierKey
        do {
            try JSONOutput.encode(config).write(to: URL(fileURLWithPath: configPath), options: .atomic)
            try Data((verifierKey + "\n").utf8).write(to: URL(fileURLWithPath: verifierKeyPath), options: .atomic)
        } catch {
            throw LedgerError(.io, "cannot write the ledger configuration: \(ErrorText.describe(error))")
        }
        return (config, verifierKey)
    }

    /// The actor this process records as when no request principal applies: the ledger key it
    /// signs with, never a name it claims.
    public static func keyActor(_ signer: Ed25519NoteSigner) -> String {
        "key:\(signer.name)+\(Hex.encode(signer.keyID))"
    }

    private func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private static func unknownStore(_ config: LedgerConfig) -> StoreError {
        StoreError(.invalidConfiguration, "unknown ledger store '\(config.store)'; expected sqlite or postgres")
    }
}
