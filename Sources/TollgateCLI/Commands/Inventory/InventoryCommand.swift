import ArgumentParser

/// `tollgate inventory …`: the ledger-derived inventory of artifacts, components, provenance,
/// signatures, decisions, deployments and tags.
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Import SBOMs into the inventory, rebuild it from the ledger, migrate an old inventory.json, show its coverage.",
        subcommands: [InventoryImportSBOMCommand.self, InventoryRebuildCommand.self, InventoryMigrateCommand.self,
                      InventoryStatsCommand.self]
    )
}
