import ArgumentParser
import Foundation
import TollgateData
import TollgateLedger
import TollgateModel

/// `tollgate ledger init`: creates the data directory, the log's Ed25519 key (mode 0600), the
/// store, and an empty signed checkpoint; prints the C2SP verifier key.
struct LedgerInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a ledger and its signing key.")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The log origin, unique to this log (checkpoint first line and key name).")
    var origin: String = "tollgate.local/ledger"

    @Option(help: "Store the log in PostgreSQL at this URL instead of SQLite.")
    var postgres: String?

    @Option(help: "PostgreSQL schema for the ledger tables.")
    var schema: String = "public"

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/ledger-init/v1"
        let origin: String
        let verifierKey: String
        let dataDirectory: String
        let store: String
    }

    func run() async throws {
        try await output.emit { out in
            let directory = dataOptions.directory
            let (config, vkey) = try await dataOptions.location.initialize(origin: origin, postgresURL: postgres, schema: schema)
            if output.isJSON {
                try out.json(Report(origin: origin, verifierKey: vkey, dataDirectory: directory.path, store: config.store))
            } else {
                out.line(vkey)
            }
        }
    }
}
