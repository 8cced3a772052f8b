import ArgumentParser
import TollgateStore

/// `tollgate db stats`: how many advisories the local database holds, per ecosystem.
struct DBStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show the number of advisories in the local database, per ecosystem."
    )

    @OptionGroup var database: AdvisoryDatabaseOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/db-stats/v1"
        let database: String
        let statistics: AdvisoryStoreStatistics
    }

    func run() async throws {
        try await output.emit { out in
            let store = try database.open()
            try await store.prepare()
            let statistics = try await store.statistics()
            if output.isJSON {
                try out.json(Report(database: database.path, statistics: statistics))
                return
            }
            out.line("\(database.path): \(statistics.advisories) advisories, \(statistics.affectedPackages) affected packages")
            for (ecosystem, count) in statistics.byEcosystem.sorted(by: { $0.key < $1.key }) {
                out.line("  \(ecosystem): \(count)")
            }
        }
    }
}
