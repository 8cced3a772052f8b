import ArgumentParser
import Foundation
import TollgateLedger

/// `tollgate ledger prove-consistency A B`; `--output json` prints the transparency-dev form.
struct LedgerProveConsistencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prove-consistency", abstract: "Print a consistency proof between two sizes.")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Older tree size.")
    var size1: UInt64

    @Argument(help: "Newer tree size.")
    var size2: UInt64

    func run() async throws {
        let (ledger, _) = try await dataOptions.openLedger()
        let proof = try await ledger.consistencyProof(from: size1, to: size2)
        if output.isJSON {
            Console.write(try JSONOutput.encode(proof))
            Console.write(Data("\n".utf8))
        } else {
            Console.out("size1: \(proof.size1)  root1: \(Data(proof.root1).base64EncodedString())")
            Console.out("size2: \(proof.size2)  root2: \(Data(proof.root2).base64EncodedString())")
            for hash in proof.hashes { Console.out("  \(Data(hash).base64EncodedString())") }
        }
    }
}
