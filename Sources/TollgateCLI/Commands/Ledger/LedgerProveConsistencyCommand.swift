import ArgumentParser
import Foundation
import TollgateLedger

/// `tollgate ledger prove-consistency A B`; `--format json` prints the transparency-dev form.
struct LedgerProveConsistencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prove-consistency", abstract: "Print a consistency proof between two sizes.")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Older tree size.")
    var size1: UInt64

    @Argument(help: "Newer tree size.")
    var size2: UInt64

    func run() async throws {
        try await output.emit { out in
            let (ledger, _) = try await dataOptions.openLedger()
            let proof = try await ledger.consistencyProof(from: size1, to: size2)
            if output.isJSON {
                try out.json(proof)
            } else {
                out.line("size1: \(proof.size1)  root1: \(Data(proof.root1).base64EncodedString())")
                out.line("size2: \(proof.size2)  root2: \(Data(proof.root2).base64EncodedString())")
                for hash in proof.hashes { out.line("  \(Data(hash).base64EncodedString())") }
            }
        }
    }
}
