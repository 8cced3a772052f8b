import ArgumentParser

/// `tollgate db import|stats`: the local OSV advisory database that `tollgate scan` reads offline.
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the local vulnerability database (OSV advisories) used by 'tollgate scan'.",
        subcommands: [DBImportCommand.self, DBStatsCommand.self]
    )
}
