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

    @Option(name: .customLong("signature-output"), help: ArgumentHelp("Also write the base64 signature to this file (as cosign --output-signature does).", valueName: "file"))
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
        try await output.emit { out in
            let privateKey = try PassphraseReader().privateKey(at: key)
            // ECDSA and RSA stream the file through the hash; Ed25519 reads it whole (up to 1 GiB).
            let signature = Base64Text.encode(try privateKey.sign(fileAt: file))
            if let signatureOutput {
                try AtomicFile.write(Data((signature + "\n").utf8), to: signatureOutput)
            }
            if output.isJSON {
                try out.json(Report(file: file, keyID: privateKey.publicKey.keyID,
                                        algorithm: privateKey.algorithm.name, signature: signature))
            } else {
                out.line(signature)
            }
        }
    }
}
