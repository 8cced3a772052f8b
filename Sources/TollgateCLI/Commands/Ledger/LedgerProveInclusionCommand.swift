import ArgumentParser
import Foundation
import TollgateLedger

/// `tollgate ledger prove-inclusion N [--size S]`; `--format json` prints the transparency-dev
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
        try await output.emit { out in
            let (ledger, _) = try await dataOptions.openLedger()
            let proof = try await ledger.inclusionProof(index: index, size: size)
            if output.isJSON {
                try out.json(proof)
            } else {
                out.line("leaf index: \(proof.leafIndex)")
                out.line("tree size:  \(proof.treeSize)")
                out.line("leaf hash:  \(Data(proof.leafHash).base64EncodedString())")
                out.line("root:       \(Data(proof.rootHash).base64EncodedString())")
                for hash in proof.hashes { out.line("  \(Data(hash).base64EncodedString())") }
            }
        }
    }
}
