import ArgumentParser

/// `tollgate provenance generate`
struct ProvenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provenance",
        abstract: "Generate SLSA v1 provenance.",
        subcommands: [ProvenanceGenerateCommand.self]
    )
}
