import ArgumentParser
import Foundation
import TollgateLedger

/// `tollgate ledger fsck`: recomputes the tree from the entries and checks every stored hash and
/// checkpoint; names the first bad index. Exit 1 when damaged.
struct LedgerFsckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fsck", abstract: "Check the stored log; name the first bad index.")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.emit { out in
            let (ledger, _) = try await dataOptions.openLedger()
            let progress = ProgressReporter("fsck")
            let report = try await LedgerChecker(store: ledger.underlyingStore, verifiers: [try dataOptions.verifier()],
                                                 origin: ledger.origin)
                .check { done, total in progress.update(Int(done), of: Int(total)) }
            progress.finish()
            if output.isJSON {
                try out.json(report)
            } else if let problem = report.problem {
                out.line("DAMAGED at index \(report.firstBadIndex.map(String.init) ?? "?"): \(problem)")
            } else {
                out.line("ok: \(report.entriesChecked) entries, \(report.nodesChecked) nodes, \(report.checkpointsChecked) checkpoints")
            }
            if !report.isHealthy { throw ExitCode(1) }
        }
    }
}
