import ArgumentParser
import Foundation
import TollgateLedger

/// `tollgate ledger export-tiles DIR`: signs a checkpoint and writes the log as C2SP tlog-tiles.
struct LedgerExportTilesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export-tiles", abstract: "Write the log as C2SP tlog-tiles (checkpoint, tiles, entry bundles).")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Output directory.")
    var directory: String

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/ledger-export/v1"
        let directory: String
        let size: UInt64
        let filesWritten: Int
    }

    func run() async throws {
        try await output.emit { out in
            let (ledger, _) = try await dataOptions.openLedger()
            let checkpoint = try await ledger.checkpoint()
            let written = try await TileExporter(store: ledger.underlyingStore)
                .export(checkpoint: checkpoint, to: URL(fileURLWithPath: directory))
            let report = Report(directory: directory, size: checkpoint.checkpoint.size, filesWritten: written)
            if output.isJSON {
                try out.json(report)
            } else {
                out.line("exported \(report.size) entries to \(directory) (\(written) files written)")
            }
        }
    }
}
