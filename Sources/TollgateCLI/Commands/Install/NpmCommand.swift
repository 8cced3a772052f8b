import ArgumentParser

/// `tollgate npm verify` and `tollgate npm ci`: npm packages verified before anything installs.
struct NpmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "npm",
        abstract: "Verify npm packages before install: integrity, registry signatures, provenance, MAL- records (docs/install-gates.md).",
        subcommands: [NpmVerifyCommand.self, NpmCICommand.self]
    )
}
