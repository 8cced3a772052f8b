import ArgumentParser

/// `tollgate pip install` and `tollgate pip verify`: Python distributions verified before anything installs.
struct PipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pip",
        abstract: "Verify Python distributions before install: hashes, PEP 740 attestations, MAL- records, dependency confusion (docs/install-gates.md).",
        subcommands: [PipInstallCommand.self, PipVerifyCommand.self]
    )
}
