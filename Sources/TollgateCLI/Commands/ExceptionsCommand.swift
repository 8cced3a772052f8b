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

        struct Report: Encodable {
            let schemaVersion = "tollgate.dev/exceptions/v1"
            let now: Date
            let exceptions: [Entry]
            struct Entry: Encodable {
                let policy: String
                let id: String
                let owner: String
                let reason: String
                let compensatingControl: String?
                let scope: String
                let match: ExceptionMatch
                let granted: Date?
                let expires: Date
                let status: String
                let daysLeft: Int
                let location: String?
            }
        }

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
                let now = Date()
                var entries: [Report.Entry] = []
                for path in policies {
                    let policy = try Policy(yaml: [UInt8](try InputFile.read(path, limit: PolicyParser.maxBytes)), file: path)
                    for exception in policy.exceptions {
                        let left = exception.expires.timeIntervalSince(now)
                        if let window, left > window.seconds { continue }
                        let status = left <= 0 ? "expired" : (left <= (window?.seconds ?? 14 * 86_400) ? "expiring" : "active")
                        entries.append(.init(policy: policy.name, id: exception.id, owner: exception.owner, reason: exception.reason,
                                             compensatingControl: exception.compensatingControl, scope: exception.scope.rawValue,
                                             match: exception.match, granted: exception.granted, expires: exception.expires,
                                             status: status, daysLeft: Int((left / 86_400).rounded(.down)),
                                             location: exception.location?.description))
                    }
                }
                entries.sort { $0.expires < $1.expires }
                if output.isJSON {
                    try out.json(Report(now: now, exceptions: entries))
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
