import ArgumentParser
import Foundation
import TollgateInventory

/// `tollgate inventory migrate [--data DIR]`: moves an old `DIR/inventory.json` into the
/// ledger-derived inventory and renames the file to `inventory.json.migrated`.
struct InventoryMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move an old DATA/inventory.json into the ledger and the inventory database.",
        discussion: """
        Rebuilds the inventory from the ledger, appends what only the file held (artifacts with their provenance \
        and components, first-seen findings, deployments and tag observations the ledger lacks) as ledger entries, \
        indexes them, then renames the file to inventory.json.migrated. Without an inventory.json there is nothing to do.
        """
    )

    @OptionGroup var state: GateStateOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.emit { out in
            let recorder = try await state.recorder(migrating: true)
            let report = try await InventoryMigrator(recorder: recorder).migrate(path: state.legacyInventoryPath)
            if output.isJSON {
                try out.json(report)
                return
            }
            guard let movedTo = report.movedTo else {
                out.line("no \(report.file): nothing to migrate")
                return
            }
            out.line("migrated \(report.file) → \(movedTo)")
            out.line("  \(report.artifacts) artifacts, \(report.sboms) component lists, \(report.findings) findings, "
                     + "\(report.deployments) deployments (\(report.deploymentsAlreadyInLedger) already in the ledger), "
                     + "\(report.tags) tag observations (\(report.tagsAlreadyInLedger) already in the ledger); \(report.entriesAppended) ledger entries appended")
        }
    }
}
