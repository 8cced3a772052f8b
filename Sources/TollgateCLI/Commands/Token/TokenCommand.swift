import ArgumentParser

/// `tollgate token …`: API tokens for `tollgate serve` (docs/server.md). The commands work on the
/// data directory or database directly, like the `ledger` commands.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke the server's API tokens (stored as SHA-256 hashes only).",
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self]
    )
}
