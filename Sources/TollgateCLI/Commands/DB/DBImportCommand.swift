import ArgumentParser
import Foundation
import TollgateVulnerabilities

/// `tollgate db import PATH`: loads a directory of OSV JSON files or an osv.dev zip, incrementally.
struct DBImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import OSV advisories from a directory of JSON files or a zip (as osv.dev publishes them).",
        discussion: """
            Unchanged records are skipped, withdrawn ones are removed, and every skipped entry is counted \
            with its reason. Archive members that escape the archive, links, and members that inflate \
            past the limits are refused. Exits 0 when the import ran, even if entries were skipped.
            """
    )

    @Argument(help: "A directory of OSV *.json files, or a .zip of them.")
    var path: String

    @OptionGroup var database: AdvisoryDatabaseOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/db-import/v1"
        let database: String
        let source: String
        let examined: Int
        let added: Int
        let updated: Int
        let unchanged: Int
        let removedWithdrawn: Int
        let skippedByReason: [String: Int]
        let skipped: [ImportSummary.Skipped]
        let seconds: Double
    }

    func run() async throws {
        try await output.emit { out in
            let store = try database.open()
            let progress = ProgressReporter("importing")
            let started = Date()
            let summary = try await AdvisoryImporter(store: store, progress: { done, total in
                progress.update(done, of: total)
            }).importPath(path)
            progress.finish()
            let elapsed = Date().timeIntervalSince(started)
            let report = Report(database: database.path, source: path, examined: summary.examined, added: summary.added,
                                updated: summary.updated, unchanged: summary.unchanged,
                                removedWithdrawn: summary.removedWithdrawn, skippedByReason: summary.skippedByReason,
                                skipped: summary.skipped, seconds: elapsed)
            if output.isJSON {
                try out.json(report)
                return
            }
            out.line("imported \(path) into \(database.path) in \(String(format: "%.2f", elapsed)) s")
            out.line("  examined \(summary.examined), added \(summary.added), updated \(summary.updated), unchanged \(summary.unchanged), withdrawn removed \(summary.removedWithdrawn)")
            if !summary.skipped.isEmpty {
                let counts = summary.skippedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                out.line("  skipped \(summary.skipped.count): \(counts)")
                for entry in summary.skipped.prefix(20) where entry.reason != "withdrawn" {
                    out.line("    \(entry.entry): \(entry.reason): \(entry.detail)")
                }
                let shown = summary.skipped.filter { $0.reason != "withdrawn" }.count
                if shown > 20 { out.line("    ... \(shown - 20) more (use --format json for the full list)") }
            }
        }
    }
}
