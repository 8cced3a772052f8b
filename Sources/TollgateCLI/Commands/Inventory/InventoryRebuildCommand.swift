import ArgumentParser
import Foundation
import TollgateInventory

/// `tollgate inventory rebuild`: empties the inventory and replays the whole ledger through the
/// indexer every write uses.
struct InventoryRebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the inventory from the ledger (and the documents stored beside it).",
        discussion: "Entries whose payload cannot be indexed (a hand-written entry of a built-in kind) are counted and listed, not fatal."
    )

    @OptionGroup var state: GateStateOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.emit { out in
            let recorder = try await state.recorder()
            let progress = ProgressReporter("replaying the ledger")
            let report = try await InventoryRebuilder(ledger: recorder.ledger, store: recorder.store)
                .rebuild { done, total in progress.update(Int(done), of: Int(total)) }
            progress.finish()
            if output.isJSON {
                try out.json(report)
                return
            }
            out.line("replayed \(report.entries) ledger entries; \(report.indexed) gave inventory rows; \(report.skipped) could not be indexed")
            for skipped in report.skippedEntries { out.line("  skipped entry \(skipped.index) (\(skipped.kind)): \(skipped.reason)") }
            InventoryStatsCommand.lines(report.coverage).forEach(out.line)
        }
    }
}
