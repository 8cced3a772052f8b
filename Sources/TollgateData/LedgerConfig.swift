import Foundation
import TollgateLedger

/// `<data>/ledger.json`: the log's origin and where its store is.
public struct LedgerConfig: Codable, Sendable {
    public var schemaVersion = "tollgate.dev/ledger-config/v1"
    /// The checkpoint origin (also the signing key's name).
    public var origin: String
    /// `sqlite` (the file `ledger.sqlite` in the data directory) or `postgres`.
    public var store: String
    /// For `postgres`: the server URL (`postgres://USER@HOST:PORT/DB`).
    public var postgresURL: String?
    /// For `postgres`: the schema holding the tables.
    public var postgresSchema: String?

    public static let fileName = "ledger.json"

    public init(origin: String, store: String, postgresURL: String? = nil, postgresSchema: String? = nil) {
        self.origin = origin
        self.store = store
        self.postgresURL = postgresURL
        self.postgresSchema = postgresSchema
    }
}
