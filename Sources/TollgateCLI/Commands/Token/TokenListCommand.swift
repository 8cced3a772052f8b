import ArgumentParser
import Foundation
import TollgateData
import TollgateStore

/// `tollgate token list`: every token's id, name, role and state; never a token or a hash.
struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List API tokens (ids, names, roles, expiry).")

    @OptionGroup var location: DataLocationOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.emit { out in
            let context = try await TokenContext.open(location)
            let now = Date()
            let tokens = try await context.authority.list().map { TokenSummary($0, now: now) }
            if output.isJSON {
                try out.json(TokenListReport(tokens: tokens))
                return
            }
            if tokens.isEmpty { out.line("no tokens") }
            let formatter = ISO8601DateFormatter()
            for token in tokens {
                let expiry = token.expires.map { "expires \(formatter.string(from: $0))" } ?? "no expiry"
                out.line("\(token.id)  \(token.status.padding(toLength: 7, withPad: " ", startingAt: 0))  \(token.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  \(token.name)  (\(expiry))")
            }
        }
    }
}
