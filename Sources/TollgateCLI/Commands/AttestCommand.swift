import ArgumentParser
import Foundation
import TollgateModel
import TollgateSigstore

/// `tollgate attest FILE --predicate-type URI --predicate P.json --key K`
struct AttestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Write a DSSE envelope holding a signed in-toto Statement v1 about FILE (sha256 subject), or push one about an image to its registry.",
        discussion: "With --keyless the statement is signed through Sigstore and the output is a v0.3 DSSE bundle, verified against the trusted root before it is printed (docs/sigstore.md). For an image reference (registry/repo:tag, …@sha256:…, docker://REF) the statement's subject is the manifest digest and the envelope is pushed in cosign's formats (docs/images.md)."
    )

    @Argument(help: "The artifact the statement is about (file or directory), or an image reference.")
    var file: String

    @Option(name: .customLong("predicate-type"), help: "The predicate type URI.")
    var predicateType: String

    @Option(help: "JSON file holding the predicate.")
    var predicate: String

    @Option(help: "Private key(s) or exec:PROGRAM external signer(s); repeat for several signatures.")
    var key: [String] = []

    @OptionGroup var keyless: StandardKeylessOptions

    /// `text` prints the envelope on one line (as `.intoto.jsonl` holds it); `json` pretty-prints it.
    @OptionGroup var output: OutputOptions

    @OptionGroup var image: ImagePushOptions

    func validate() throws {
        if keyless.keyless {
            if !key.isEmpty { throw ValidationError("give --key or --keyless, not both") }
            if ImageArgument.isImage(file) { throw ValidationError("--keyless attests files; keyless attestations of images are not supported yet (use --key)") }
        }
    }

    func run() async throws {
        try await output.emit { out in
            guard !key.isEmpty || keyless.keyless else { throw CLIError(.usage, "at least one --key (or --keyless) is required") }
            guard !predicateType.isEmpty else { throw CLIError(.usage, "--predicate-type must not be empty") }
            let predicateValue = try JSONValue.parse(try InputFile.read(predicate, limit: JSONValue.defaultMaxBytes))
            if ImageArgument.isImage(file) {
                let reader = PassphraseReader()
                let keys = try key.map { try reader.signer(at: $0) }
                if let report = try await ImageSigning.attest(argument: file, predicateType: predicateType, predicate: predicateValue,
                                                              keys: keys, options: image) {
                    try ImageSigning.print(report, to: out, json: output.isJSON)
                    return
                }
            }
            let digest = try FileDigester(algorithm: .sha256).digest(path: file)
            let name = URL(fileURLWithPath: file).lastPathComponent
            let statement = InTotoStatement(subjects: [InTotoSubject(name: name, digest: digest)],
                                            predicateType: predicateType, predicate: predicateValue)
            if keyless.keyless {
                let payload = statement.jsonBytes()
                let bundle = try await keyless.withSigner { signer, token in
                    try await signer.signDSSE(payload, artifact: Artifact(digest: digest, filename: name), token: token)
                }
                try StandardKeylessOptions.write(bundle, to: out, pretty: output.isJSON)
                return
            }
            let reader = PassphraseReader()
            let keys = try key.map { try reader.signer(at: $0) }
            let envelope = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, signers: keys)
            out.write(Data(envelope.jsonBytes(pretty: output.isJSON) + [0x0A]))
        }
    }
}
