import ArgumentParser

/// `tollgate rebuild compare|attest`
struct RebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Compare a release with a rebuild and sign the result as a rebuild attestation.",
        subcommands: [RebuildCompareCommand.self, RebuildAttestCommand.self]
    )
}
