import ArgumentParser
import Foundation
import TollgateModel

extension KeyAlgorithm: ExpressibleByArgument {
    public init?(argument: String) { self.init(generatableName: argument) }
    public static var allValueStrings: [String] { ["ecdsa-p256", "ecdsa-p384", "ecdsa-p521", "ed25519"] }
}

/// `tollgate key generate ...`
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Manage signing keys (see docs/keys.md).",
        subcommands: [Generate.self, KeyRegisterCommand.self, KeyRotateCommand.self, KeyRevokeCommand.self, KeyListCommand.self]
    )

    /// `tollgate key generate --algorithm A --output-prefix NAME` writes NAME.pub and NAME.key.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate a key pair: PREFIX.pub (SPKI PEM) and PREFIX.key (encrypted PKCS#8 PEM).",
            discussion: """
            The private key is encrypted with scrypt + AES-256-GCM under a passphrase read from \
            TOLLGATE_PASSWORD or the terminal. --unsafe-unencrypted writes it in the clear. \
            --output-prefix names the key files; --output names the file for the report (what was written).
            """
        )

        @Option(help: "Key algorithm: ecdsa-p256, ecdsa-p384, ecdsa-p521 or ed25519.")
        var algorithm: KeyAlgorithm = .ecdsaP256

        @Option(name: .customLong("output-prefix"), help: ArgumentHelp("Path prefix of the key files (PREFIX.pub, PREFIX.key).", valueName: "prefix"))
        var prefix: String?

        @OptionGroup var output: OutputOptions

        @Flag(name: .customLong("unsafe-unencrypted"), help: "Write the private key without encryption.")
        var unsafeUnencrypted = false

        @Flag(help: "Overwrite existing files.")
        var force = false

        struct Report: Encodable {
            let schemaVersion = "tollgate.dev/key/v1"
            let algorithm: String
            let keyID: String
            let publicKey: String
            let privateKey: String
            let encrypted: Bool
        }

        func validate() throws {
            guard let prefix, !prefix.isEmpty else {
                // Before 0.2 `--output NAME` named the key files; it now names the report file.
                throw ValidationError("missing '--output-prefix PREFIX' (the key files' names; '--output' names the report file)")
            }
        }

        func run() async throws {
            let name = prefix ?? ""
            let publicPath = name + ".pub", privatePath = name + ".key"
            if !force {
                for path in [publicPath, privatePath] where FileManager.default.fileExists(atPath: path) {
                    throw CLIError(.usage, "'\(path)' exists; pass --force to overwrite it")
                }
            }
            try await output.emit { out in
                let key = try PrivateKey.generate(algorithm)
                let privatePEM = unsafeUnencrypted
                    ? key.pemUnencryptedUnsafe()
                    : try key.encryptedPEM(passphrase: PassphraseReader().read(purpose: "encrypt \(privatePath)", confirm: true))
                try AtomicFile.write(Data(privatePEM.utf8), to: privatePath, mode: 0o600)
                try AtomicFile.write(Data(key.publicKey.pem.utf8), to: publicPath, mode: 0o644)
                let report = Report(algorithm: algorithm.name, keyID: key.publicKey.keyID, publicKey: publicPath,
                                    privateKey: privatePath, encrypted: !unsafeUnencrypted)
                if output.isJSON {
                    try out.json(report)
                } else {
                    out.line("wrote \(publicPath) and \(privatePath) (\(algorithm.name), key id \(report.keyID))")
                    if unsafeUnencrypted { Console.err("warning: \(privatePath) is NOT encrypted") }
                }
            }
        }
    }
}
