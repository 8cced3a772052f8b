import ArgumentParser

/// `tollgate deploy …`: what runs where.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Record deployments (environment, cluster, namespace, service, image) in the ledger and the inventory.",
        subcommands: [DeployRecordCommand.self, DeployImportCommand.self]
    )
}
