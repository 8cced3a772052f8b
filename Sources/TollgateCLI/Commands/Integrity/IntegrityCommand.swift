import ArgumentParser

/// `tollgate integrity check`
struct IntegrityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integrity",
        abstract: "Check that stored evidence still matches the digests the ledger recorded.",
        subcommands: [IntegrityCheckCommand.self]
    )
}
