import ArgumentParser

/// `tollgate ledger …`: the tamper-evident ledger (docs/ledger.md).
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "The tamper-evident ledger: an RFC 6962 log with signed C2SP checkpoints, proofs and tiles.",
        subcommands: [
            LedgerInitCommand.self,
            LedgerAppendCommand.self,
            LedgerGetCommand.self,
            LedgerCheckpointCommand.self,
            LedgerProveInclusionCommand.self,
            LedgerProveConsistencyCommand.self,
            LedgerReceiptCommand.self,
            LedgerVerifyCommand.self,
            LedgerExportTilesCommand.self,
            LedgerFsckCommand.self,
            LedgerCheckProofCommand.self,
            LedgerCheckNoteCommand.self,
            LedgerCheckReceiptCommand.self,
        ]
    )
}
