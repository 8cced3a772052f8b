import ArgumentParser
import TollgateLedger

/// `tollgate integrity check`: re-hashes every evidence document and detached entry payload the data
/// directory stores and compares it with the digest the ledger recorded. Exit 1 on drift.
struct IntegrityCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-hash stored evidence documents and entry payloads; report drift from the ledger's digests."
    )

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.emit { out in
            let (ledger, _) = try await dataOptions.openLedger()
            let progress = ProgressReporter("integrity")
            let report = try await EvidenceIntegrityChecker(store: ledger.underlyingStore)
                .check { done, total in progress.update(Int(done), of: Int(total)) }
            progress.finish()
            if output.isJSON {
                try out.json(report)
            } else {
                for drift in report.drift { out.line("DRIFT entry \(drift.entry): \(drift.problem)") }
                out.line("\(report.isIntact ? "ok" : "drift"): \(report.entries) entries, \(report.documents) documents, "
                         + "\(report.detachedPayloads) detached payloads re-hashed; \(report.drift.count) drifted")
            }
            if !report.isIntact { throw ExitCode(1) }
        }
    }
}
