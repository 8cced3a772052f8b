import ArgumentParser

/// `tollgate provenance generate|verify`
struct ProvenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provenance",
        abstract: "Generate and verify SLSA provenance.",
        subcommands: [ProvenanceGenerateCommand.self, ProvenanceVerifyCommand.self]
    )
}
