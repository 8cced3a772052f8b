import ArgumentParser
import Foundation
import TollgateLedger

/// `tollgate ledger checkpoint`: signs a checkpoint of the current log and prints the note.
struct LedgerCheckpointCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkpoint", abstract: "Sign and print a checkpoint (C2SP signed note).")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/ledger-checkpoint/v1"
        let origin: String
        let size: UInt64
        let rootHash: String
        let note: String
    }

    func run() async throws {
        try await output.emit { out in
            let (ledger, _) = try await dataOptions.openLedger()
            let signed = try await ledger.checkpoint()
            if output.isJSON {
                try out.json(Report(origin: signed.checkpoint.origin, size: signed.checkpoint.size,
                                        rootHash: Data(signed.checkpoint.rootHash).base64EncodedString(), note: signed.note))
            } else {
                out.write(Data(signed.note.utf8))
            }
        }
    }
}
