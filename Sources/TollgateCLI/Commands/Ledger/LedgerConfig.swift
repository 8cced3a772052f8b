import Foundation
import TollgateLedger

/// `<data>/ledger.json`: the log's origin and where its store is.
struct LedgerConfig: Codable, Sendable {
    var schemaVersion = "tollgate.dev/ledger-config/v1"
    /// The checkpoint origin (also the signing key's name).
    var origin: String
    /// `sqlite` (the file `ledger.sqlite` in the data directory) or `postgres`.
    var store: String
    /// For `postgres`: the server URL (`postgres://USER@HOST:PORT/DB`).
    var postgresURL: String?
    /// For `postgres`: the schema holding the tables.
    var postgresSchema: String?

    static let fileName = "ledger.json"
}
