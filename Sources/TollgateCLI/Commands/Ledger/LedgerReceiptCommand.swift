import ArgumentParser
import Foundation
import TollgateLedger
import TollgateTransparency

/// `tollgate ledger receipt INDEX [-o FILE]`: writes the inclusion receipt of an existing entry
/// (signed checkpoint + inclusion proof), which `check-receipt` verifies offline.
struct LedgerReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "receipt", abstract: "Write the inclusion receipt of an entry (signed checkpoint + proof).")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Entry index.")
    var index: UInt64

    @Option(name: [.customShort("o"), .customLong("output-file")], help: "Write the receipt here instead of standard output.")
    var outputFile: String?

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/ledger-receipt-written/v1"
        let index: UInt64
        let treeSize: UInt64
        let outputFile: String
    }

    func run() async throws {
        let (ledger, _) = try await dataOptions.openLedger()
        let receipt = try await ledger.receipt(at: index)
        var bytes = try receipt.json()
        bytes.append(Data("\n".utf8))
        guard let outputFile else {
            // The receipt is itself a versioned JSON document, for text and JSON output alike.
            Console.write(bytes)
            return
        }
        do {
            try bytes.write(to: URL(fileURLWithPath: outputFile), options: .atomic)
        } catch {
            throw CLIError(.unwritable, "cannot write '\(outputFile)': \(error.localizedDescription)")
        }
        let size = try Checkpoint(text: try SignedNote(parsing: receipt.checkpoint).text).size
        if output.isJSON {
            try Console.json(Report(index: index, treeSize: size, outputFile: outputFile))
        } else {
            Console.err("wrote the receipt for entry \(index) at tree size \(size) to \(outputFile)")
        }
    }
}
