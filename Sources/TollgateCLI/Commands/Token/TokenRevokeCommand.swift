import ArgumentParser
import Foundation
import TollgateData
import TollgateStore

/// `tollgate token revoke ID`: the token stops working at once, on every server sharing the store.
struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an API token by its id.")

    @Argument(help: "The token id (from `token list`).")
    var id: String

    @OptionGroup var location: DataLocationOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.emit { out in
            let context = try await TokenContext.open(location)
            guard let revoked = try await context.authority.revoke(id: id, actor: context.actor) else {
                throw StoreError(.notFound, "no token with id '\(id.prefix(64))'; `tollgate token list` shows them")
            }
            let summary = TokenSummary(revoked, now: Date())
            if output.isJSON {
                try out.json(summary)
            } else {
                out.line("revoked \(summary.id) (\(summary.name), \(summary.role.rawValue))")
            }
        }
    }
}
