import ArgumentParser
import Foundation
import TollgateLedger
import TollgateTransparency

/// `tollgate ledger receipt INDEX [-o FILE]`: writes the inclusion receipt of an existing entry
/// (signed checkpoint + inclusion proof), which `check-receipt` verifies offline.
struct LedgerReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "receipt", abstract: "Write the inclusion receipt of an entry (signed checkpoint + proof).")

    @OptionGroup var dataOptions: LedgerDataOptions
    /// The receipt is the report, a versioned JSON document: `--output FILE` writes it whole or not at all.
    @OptionGroup var output: ReportOptions<JSONFormat>

    @Argument(help: "Entry index.")
    var index: UInt64

    func run() async throws {
        let (ledger, _) = try await dataOptions.openLedger()
        let receipt = try await ledger.receipt(at: index)
        try await output.emit { out in out.write(try receipt.json() + Data("\n".utf8)) }
        if let file = output.file {
            let size = try Checkpoint(text: try SignedNote(parsing: receipt.checkpoint).text).size
            Console.err("wrote the receipt for entry \(index) at tree size \(size) to \(file)")
        }
    }
}
