import ArgumentParser
import Foundation
import TollgateLedger

/// `tollgate ledger prove-inclusion N [--size S]`; `--output json` prints the transparency-dev
/// form that `check-proof` reads.
struct LedgerProveInclusionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prove-inclusion", abstract: "Print an inclusion proof for an entry.")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Entry index.")
    var index: UInt64

    @Option(help: "Tree size (default: the current size).")
    var size: UInt64?

    func run() async throws {
        let (ledger, _) = try await dataOptions.openLedger()
        let proof = try await ledger.inclusionProof(index: index, size: size)
        if output.isJSON {
            Console.write(try JSONOutput.encode(proof))
            Console.write(Data("\n".utf8))
        } else {
            Console.out("leaf index: \(proof.leafIndex)")
            Console.out("tree size:  \(proof.treeSize)")
            Console.out("leaf hash:  \(Data(proof.leafHash).base64EncodedString())")
            Console.out("root:       \(Data(proof.rootHash).base64EncodedString())")
            for hash in proof.hashes { Console.out("  \(Data(hash).base64EncodedString())") }
        }
    }
}
