import ArgumentParser
import Foundation

/// `tollgate key revoke KEYID --reason WHY`: signatures made from now on by the key are refused;
/// records key.revoked in the ledger.
struct KeyRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a key from now on; records key.revoked in the ledger."
    )

    @OptionGroup var options: KeyRegistryOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The key id to revoke, or its PEM public key file.")
    var keyID: String

    @Option(help: "Why (recorded in the ledger).")
    var reason: String

    func run() async throws {
        let change = try await options.lifecycle().revoke(keyID: try KeyRegistryOptions.keyID(keyID), reason: reason, actor: options.actorName, at: Date())
        try await output.emit { out in try KeyChangePrinter.print(change, to: out, json: output.isJSON) }
    }
}
