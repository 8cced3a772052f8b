import ArgumentParser
import Foundation
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
            if FileManager.default.fileExists(atPath: dataOptions.configPath) {
                throw LedgerError(.alreadyInitialized, "'\(directory.path)' already holds a ledger")
            }
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw CLIError(.unwritable, "cannot create '\(directory.path)': \(ErrorText.describe(error))")
            }
            let signer = try LogKeyFile.create(path: dataOptions.keyPath, name: origin)
            let config = LedgerConfig(origin: origin, store: postgres == nil ? "sqlite" : "postgres",
                                      postgresURL: postgres, postgresSchema: postgres == nil ? nil : schema)
            let ledger = try await Ledger.open(store: try dataOptions.openStore(config), signer: signer)
            _ = try await ledger.checkpoint()
            let vkey = signer.verifier.verifierKey
            do {
                try JSONOutput.encode(config).write(to: URL(fileURLWithPath: dataOptions.configPath), options: .atomic)
                try Data((vkey + "\n").utf8).write(to: URL(fileURLWithPath: dataOptions.verifierKeyPath), options: .atomic)
            } catch {
                throw CLIError(.unwritable, "cannot write the ledger configuration: \(ErrorText.describe(error))")
            }
            if output.isJSON {
                try out.json(Report(origin: origin, verifierKey: vkey, dataDirectory: directory.path, store: config.store))
            } else {
                out.line(vkey)
            }
        }
    }
}
