import ArgumentParser
import Foundation
import TollgateData
import TollgatePolicy
import TollgateStore

/// `tollgate token create --role R --name N [--expires 90d]`: prints the token once.
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an API token; it is printed once and stored only as a hash.")

    @Option(help: "The role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
    var role: String

    @Option(help: "Who holds it (the actor of the ledger entries its requests cause); unique among active tokens.")
    var name: String

    @Option(help: "Lifetime, e.g. 90d, 12h or 2w (default: never expires).")
    var expires: String?

    @OptionGroup var location: DataLocationOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        guard let role = Role(rawValue: role) else {
            throw CLIError(.usage, "--role: expected one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), found '\(role.prefix(32))'")
        }
        var lifetime: TimeInterval?
        if let expires {
            guard let duration = PolicyDuration(parsing: expires), duration.seconds > 0 else {
                throw CLIError(.usage, "--expires: expected a duration like 90d, 12h or 2w, found '\(expires.prefix(32))'")
            }
            lifetime = duration.seconds
        }
        try await output.emit { out in
            let context = try await TokenContext.open(location)
            let created = try await context.authority.create(name: name, role: role, lifetime: lifetime, actor: context.actor)
            if output.isJSON {
                try out.json(TokenCreatedReport(created))
            } else {
                out.line(created.token.text)
                let until = created.record.expires.map { "expires \(ISO8601DateFormatter().string(from: $0))" } ?? "never expires"
                Console.err("token \(created.record.id) for '\(name)' (\(role.rawValue), \(until)); it is shown only now")
            }
        }
    }
}
