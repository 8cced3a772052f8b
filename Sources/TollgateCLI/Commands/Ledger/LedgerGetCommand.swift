import ArgumentParser
import Foundation
import TollgateLedger
import TollgateModel
import TollgateTransparency

/// `tollgate ledger get N`: one entry, decoded.
struct LedgerGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print the entry at an index.")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Entry index.")
    var index: UInt64

    func run() async throws {
        try await output.emit { out in
            let (ledger, _) = try await dataOptions.openLedger()
            let entry = try await ledger.entry(at: index)
            let report = LedgerEntryReport(index: index, entry: entry, leafData: try await ledger.leafData(at: index))
            if output.isJSON {
                try out.json(report)
            } else {
                out.line("index:    \(index)")
                out.line("kind:     \(report.kind)")
                out.line("time:     \(ISO8601DateFormatter().string(from: entry.time))")
                out.line("actor:    \(entry.actor)")
                out.line("payload:  \(report.payloadDigest)")
                out.line("leaf:     \(report.leafHash)")
                if let payload = report.payload { out.line(payload) }
            }
        }
    }
}
