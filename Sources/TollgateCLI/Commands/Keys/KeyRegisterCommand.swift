import ArgumentParser
import Foundation
import TollgateModel
import TollgateStore

extension KeyPurpose: ExpressibleByArgument {}

/// `tollgate key register --key PUB --owner WHO --purpose P --reason WHY`: adds a key to the registry
/// and a `key.added` entry to the ledger.
struct KeyRegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register a signing key (owner, purpose, validity); records key.added in the ledger."
    )

    @OptionGroup var options: KeyRegistryOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The public key (PEM).")
    var key: String

    @Option(help: "Who owns the key (a person or team).")
    var owner: String

    @Option(help: "What it signs: artifact-signing, ledger-checkpoints or sbom-signing.")
    var purpose: KeyPurpose

    @Option(help: "Why (recorded in the ledger).")
    var reason: String

    @Option(name: .customLong("valid-from"), help: "Start of validity, YYYY-MM-DD or ISO 8601 (default: now).")
    var validFrom: String?

    @Option(name: .customLong("valid-until"), help: "End of validity (default: none).")
    var validUntil: String?

    func run() async throws {
        let from = try KeyRegistryOptions.date(validFrom, flag: "--valid-from") ?? Date()
        let until = try KeyRegistryOptions.date(validUntil, flag: "--valid-until")
        let pem = String(decoding: try InputFile.read(key, limit: 1 << 20), as: UTF8.self)
        let change = try await options.lifecycle().register(publicKeyPEM: pem, owner: owner, purpose: purpose, validFrom: from,
                                                            validUntil: until, reason: reason, actor: options.actorName)
        try await output.emit { out in try KeyChangePrinter.print(change, to: out, json: output.isJSON) }
    }
}
