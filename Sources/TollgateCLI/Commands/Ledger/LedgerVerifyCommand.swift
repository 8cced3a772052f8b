import ArgumentParser
import Foundation
import TollgateLedger
import TollgateTransparency

/// `tollgate ledger verify --log DIR|URL`: the client-side audit and witness. Fetches the newest
/// checkpoint, proves it consistent with the one remembered in `--state`, stores it, and reports
/// a rollback or fork as an alert (exit 1) with both checkpoints. `--cosign` adds a
/// tlog-cosignature/v1 line with the witness key in the data directory.
struct LedgerVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Audit a log: prove its newest checkpoint consistent with the last one seen.")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The log: a tlog-tiles directory or an http(s) URL prefix (default: export of the local ledger in <data>/tiles).")
    var log: String?

    @Option(name: .customLong("key"), help: "The log's C2SP verifier key or @FILE (default: the local ledger's key).")
    var keys: [String] = []

    @Option(help: "Where remembered checkpoints are stored (default: <data>/witness).")
    var state: String?

    @Flag(help: "Cosign the checkpoint with the witness key (<data>/witness.key, created if missing).")
    var cosign = false

    @Option(help: "Witness key name used when the witness key is created.")
    var witnessName: String = "tollgate.local/witness"

    func run() async throws {
        try await output.emit { out in
            var verifiers: [any NoteVerifier] = []
            for key in keys {
                let text = key.hasPrefix("@") ? String(decoding: try InputFile.read(String(key.dropFirst()), limit: 4096), as: UTF8.self) : key
                verifiers.append(try NoteVerifierKey.parse(text))
            }
            if verifiers.isEmpty { verifiers.append(try dataOptions.verifier()) }
            let stateDirectory = URL(fileURLWithPath: state ?? dataOptions.directory.appendingPathComponent("witness").path)
            var cosigner: CosignatureV1Signer? = nil
            if cosign {
                try FileManager.default.createDirectory(at: dataOptions.directory, withIntermediateDirectories: true)
                cosigner = try LogKeyFile.witness(path: dataOptions.directory.appendingPathComponent("witness.key").path, name: witnessName)
            }
            let witness = cosigner
            let audit = { (source: any TileSource) in
                try await CheckpointAuditor(source: source, verifiers: verifiers, stateDirectory: stateDirectory).audit(cosigner: witness)
            }
            let report: AuditReport
            if let log, log.hasPrefix("http://") || log.hasPrefix("https://") {
                guard let url = URL(string: log), url.host != nil else { throw CLIError(.usage, "'\(log)' is not a URL") }
                report = try await HTTPTileSource.with(base: log) { try await audit($0) }
            } else if let log {
                report = try await audit(TileDirectory(root: URL(fileURLWithPath: log)))
            } else {
                let (ledger, _) = try await dataOptions.openLedger()
                let directory = dataOptions.directory.appendingPathComponent("tiles")
                try await TileExporter(store: ledger.underlyingStore).export(checkpoint: try await ledger.checkpoint(), to: directory)
                report = try await audit(TileDirectory(root: directory))
            }
            if output.isJSON {
                try out.json(report)
            } else {
                let label = report.verdict.isAlert ? "ALERT (\(report.verdict.rawValue))" : report.verdict.rawValue
                out.line("\(label): \(report.origin): \(report.reason)")
                if report.verdict.isAlert {
                    if let previous = report.previous { out.line("remembered checkpoint:\n\(previous.note)") }
                    if let current = report.current { out.line("fetched checkpoint:\n\(current.note)") }
                }
                if let line = report.cosignature { out.write(Data(line.utf8)) }
            }
            if report.verdict.isAlert { throw ExitCode(1) }
        }
    }
}
