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
        subcommands: [Generate.self]
    )

    /// `tollgate key generate --algorithm A --output NAME` writes NAME.pub and NAME.key.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate a key pair: NAME.pub (SPKI PEM) and NAME.key (encrypted PKCS#8 PEM).",
            discussion: """
            The private key is encrypted with scrypt + AES-256-GCM under a passphrase read from \
            TOLLGATE_PASSWORD or the terminal. --unsafe-unencrypted writes it in the clear. \
            Here --output names the files; use --format json for a JSON report.
            """
        )

        @Option(help: "Key algorithm: ecdsa-p256, ecdsa-p384, ecdsa-p521 or ed25519.")
        var algorithm: KeyAlgorithm = .ecdsaP256

        @Option(name: .customLong("output"), help: "Path prefix of the key files (NAME.pub, NAME.key).")
        var name: String

        @Option(name: .customLong("format"), help: "Report format: text or json.")
        var format: OutputFormat = .text

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

        func run() async throws {
            let publicPath = name + ".pub", privatePath = name + ".key"
            if !force {
                for path in [publicPath, privatePath] where FileManager.default.fileExists(atPath: path) {
                    throw CLIError(.usage, "'\(path)' exists; pass --force to overwrite it")
                }
            }
            let key = try PrivateKey.generate(algorithm)
            let privatePEM = unsafeUnencrypted
                ? key.pemUnencryptedUnsafe()
                : try key.encryptedPEM(passphrase: PassphraseReader().read(purpose: "encrypt \(privatePath)", confirm: true))
            try Self.write(privatePEM, to: privatePath, mode: 0o600)
            try Self.write(key.publicKey.pem, to: publicPath, mode: 0o644)
            let report = Report(algorithm: algorithm.name, keyID: key.publicKey.keyID, publicKey: publicPath,
                                privateKey: privatePath, encrypted: !unsafeUnencrypted)
            if format == .json {
                try Console.json(report)
            } else {
                Console.out("wrote \(publicPath) and \(privatePath) (\(algorithm.name), key id \(report.keyID))")
                if unsafeUnencrypted { Console.err("warning: \(privatePath) is NOT encrypted") }
            }
        }

        static func write(_ text: String, to path: String, mode: mode_t) throws(CLIError) {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)
            guard fd >= 0 else { throw CLIError(.unwritable, "cannot write '\(path)': \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            _ = fchmod(fd, mode)
            let bytes = Array(text.utf8)
            let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            guard written == bytes.count else { throw CLIError(.unwritable, "short write to '\(path)'") }
        }
    }
}
