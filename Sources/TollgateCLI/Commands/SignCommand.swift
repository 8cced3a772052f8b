import ArgumentParser
import Foundation
import TollgateModel
import TollgateSigstore

/// `tollgate sign FILE --key K`, `tollgate sign FILE --keyless`
struct SignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a file's bytes and print the base64 signature (as cosign sign-blob --key does), or sign an image in its registry (as cosign sign --key does).",
        discussion: "An image reference (registry/repo:tag, …@sha256:…, docker://REF) is signed by its manifest digest and the signature is pushed in cosign's formats (docs/images.md). With --keyless a file is signed through Sigstore and the output is a v0.3 bundle, verified against the trusted root before it is printed (docs/sigstore.md)."
    )

    @Argument(help: "The file to sign, or an image reference.")
    var file: String

    @Option(help: "Private key (PKCS#8 PEM; encrypted keys read TOLLGATE_PASSWORD or prompt), or exec:PROGRAM for an external signer (HSM, KMS).")
    var key: String?

    @OptionGroup var keyless: StandardKeylessOptions

    @Option(name: .customLong("signature-output"), help: ArgumentHelp("Also write the base64 signature to this file (as cosign --output-signature does).", valueName: "file"))
    var signatureOutput: String?

    @OptionGroup var image: ImagePushOptions

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/signature/v1"
        let file: String
        let keyID: String
        let algorithm: String
        let signature: String
    }

    func validate() throws {
        guard (key != nil) != keyless.keyless else { throw ValidationError("give exactly one of --key and --keyless") }
        if keyless.keyless {
            if signatureOutput != nil { throw ValidationError("--signature-output is for --key; --keyless prints a bundle (write it with --output)") }
            if ImageArgument.isImage(file) { throw ValidationError("--keyless signs files; keyless signing of images is not supported yet (use --key)") }
        }
    }

    func run() async throws {
        try await output.emit { out in
            guard let key else {
                let artifact = [UInt8](try InputFile.read(file, limit: PrivateKey.maxEd25519FileBytes))
                let bundle = try await keyless.withSigner { signer, token in try await signer.signBlob(artifact, token: token) }
                try StandardKeylessOptions.write(bundle, to: out, pretty: output.isJSON)
                return
            }
            let privateKey = try PassphraseReader().signer(at: key)
            if let report = try await ImageSigning.sign(argument: file, key: privateKey, options: image) {
                try ImageSigning.print(report, to: out, json: output.isJSON)
                return
            }
            // ECDSA and RSA stream the file through the hash; Ed25519 reads it whole (up to 1 GiB).
            let signature = Base64Text.encode(try privateKey.sign(fileAt: file))
            if let signatureOutput {
                try AtomicFile.write(Data((signature + "\n").utf8), to: signatureOutput)
            }
            if output.isJSON {
                try out.json(Report(file: file, keyID: privateKey.publicKey.keyID,
                                        algorithm: privateKey.publicKey.algorithm.name, signature: signature))
            } else {
                out.line(signature)
            }
        }
    }
}
