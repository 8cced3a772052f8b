import ArgumentParser
import Foundation
import TollgatePolicy

/// `tollgate exceptions list --policy P [--expiring 14d]`
struct ExceptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exceptions",
        abstract: "List policy exceptions: owner, scope, expiry, and which have expired or expire soon.",
        subcommands: [List.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List exceptions of one or more policies.")

        @Option(name: .customLong("policy"), help: "Policy file; repeatable.")
        var policies: [String]

        @Option(help: "Only exceptions expiring within this duration (e.g. 14d), including expired ones.")
        var expiring: String?

        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await output.emit { out in
                guard !policies.isEmpty else { throw CLIError(.usage, "give at least one --policy") }
                var window: PolicyDuration?
                if let expiring {
                    guard let parsed = PolicyDuration(parsing: expiring) else {
                        throw CLIError(.usage, "--expiring: expected a duration like 14d, 12h or 2w, found '\(expiring)'")
                    }
                    window = parsed
                }
                let loaded = try policies.map { path in
                    try Policy(yaml: [UInt8](try InputFile.read(path, limit: PolicyParser.maxBytes)), file: path)
                }
                let report = ExceptionReport(policies: loaded, now: Date(), expiringWithin: window)
                let entries = report.exceptions
                if output.isJSON {
                    try out.json(report)
                    return
                }
                if entries.isEmpty { out.line("no exceptions\(window.map { " expiring within \($0)" } ?? "")") }
                let formatter = ISO8601DateFormatter()
                for entry in entries {
                    let target = [entry.match.advisory, entry.match.component, entry.match.artifact].compactMap { $0 }.joined(separator: " ")
                    out.line("\(entry.status.padding(toLength: 8, withPad: " ", startingAt: 0)) \(entry.id)  expires \(formatter.string(from: entry.expires)) (\(entry.daysLeft)d)  owner \(entry.owner)  \(entry.scope): \(target)")
                    out.line("         \(entry.reason)\(entry.compensatingControl.map { "; control: \($0)" } ?? "")")
                }
            }
        }
    }
}
