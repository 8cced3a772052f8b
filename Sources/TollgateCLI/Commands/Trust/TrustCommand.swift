import ArgumentParser

/// `tollgate trust`: the TUF repositories the gate takes its trust roots from (docs/tuf.md).
struct TrustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "Keep Sigstore's trusted root and npm's registry keys current through TUF (docs/tuf.md).",
        subcommands: [TrustInitCommand.self, TrustUpdateCommand.self, TrustStatusCommand.self]
    )
}
