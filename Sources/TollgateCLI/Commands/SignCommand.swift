import ArgumentParser
import Foundation
import TollgateModel

/// `tollgate sign FILE --key K`
struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a file's bytes and print the base64 signature (as cosign sign-blob --key does)."
    )

    @Argument(help: "The file to sign.")
    var file: String

    @Option(help: "Private key (PKCS#8 PEM; encrypted keys read TOLLGATE_PASSWORD or prompt).")
    var key: String

    @Option(name: .customLong("signature-output"), help: "Also write the base64 signature to this file.")
    var signatureOutput: String?

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/signature/v1"
        let file: String
        let keyID: String
        let algorithm: String
        let signature: String
    }

    func run() async throws {
        let privateKey = try PassphraseReader().privateKey(at: key)
        // ECDSA and RSA stream the file through the hash; Ed25519 reads it whole (up to 1 GiB).
        let signature = Base64Text.encode(try privateKey.sign(fileAt: file))
        if let signatureOutput {
            do {
                try Data((signature + "\n").utf8).write(to: URL(fileURLWithPath: signatureOutput))
            } catch {
                throw CLIError(.unwritable, "cannot write '\(signatureOutput)': \(error.localizedDescription)")
            }
        }
        if output.isJSON {
            try Console.json(Report(file: file, keyID: privateKey.publicKey.keyID,
                                    algorithm: privateKey.algorithm.name, signature: signature))
        } else {
            Console.out(signature)
        }
    }
}
