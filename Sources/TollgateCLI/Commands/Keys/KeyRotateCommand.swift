import ArgumentParser
import Foundation

/// `tollgate key rotate KEYID --new-key PUB --reason WHY`: the old key's validity ends now, the new
/// key (same owner and purpose) starts; records key.rotated in the ledger.
struct KeyRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Replace an active key by a new one; records key.rotated in the ledger."
    )

    @OptionGroup var options: KeyRegistryOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The key id of the active key to replace, or its PEM public key file.")
    var keyID: String

    @Option(name: .customLong("new-key"), help: "The new public key (PEM).")
    var newKey: String

    @Option(help: "Why (recorded in the ledger).")
    var reason: String

    @Option(name: .customLong("valid-until"), help: "End of the new key's validity (default: none).")
    var validUntil: String?

    func run() async throws {
        let until = try KeyRegistryOptions.date(validUntil, flag: "--valid-until")
        let pem = String(decoding: try InputFile.read(newKey, limit: 1 << 20), as: UTF8.self)
        let change = try await options.lifecycle().rotate(keyID: try KeyRegistryOptions.keyID(keyID), to: pem, validUntil: until, reason: reason,
                                                          actor: options.actorName, at: Date())
        try await output.emit { out in try KeyChangePrinter.print(change, to: out, json: output.isJSON) }
    }
}
