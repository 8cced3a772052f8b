import ArgumentParser
import Foundation
import TollgateModel

/// `tollgate verify-signature FILE --key K.pub --signature S`
struct VerifySignatureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-signature",
        abstract: "Verify a base64 signature over a file's bytes. Exit 0 if valid, 1 with the reason if not."
    )

    @Argument(help: "The signed file.")
    var file: String

    @Option(help: "Public key: PEM (SPKI or PKCS#1 RSA) or JWK.")
    var key: String

    @Option(help: "File holding the base64 signature (as cosign writes it).")
    var signature: String

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/signature-verification/v1"
        let file: String
        let verified: Bool
        let keyID: String
        let algorithm: String
        let reason: String?
    }

    func run() async throws {
        try await output.emit { out in
            let publicKey = try Self.loadPublicKey(key)
            let signatureBytes = try Self.loadSignature(signature)
            let verdict = try publicKey.verify(signature: signatureBytes, fileAt: file)
            if output.isJSON {
                try out.json(Report(file: file, verified: verdict.isValid, keyID: publicKey.keyID,
                                        algorithm: publicKey.algorithm.name, reason: verdict.reason))
            } else if verdict.isValid {
                out.line("Verified OK: \(file) (\(publicKey.algorithm.name), key id \(publicKey.keyID))")
            } else {
                Console.err("verification failed: \(verdict.reason ?? "invalid")")
            }
            if !verdict.isValid { throw ExitCode(ExitStatus.failed.rawValue) }
        }
    }

    /// Loads a public key file: JWK when it starts with `{`, PEM otherwise.
    static func loadPublicKey(_ path: String) throws -> PublicKey {
        let data = try InputFile.read(path, limit: PEMBlock.maxBytes)
        if data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "{") {
            return try PublicKey(jwk: data)
        }
        return try PublicKey(pem: String(decoding: data, as: UTF8.self))
    }

    /// Reads a signature file holding base64 (surrounding whitespace ignored).
    static func loadSignature(_ path: String) throws -> [UInt8] {
        let text = String(decoding: try InputFile.read(path, limit: 64 << 10), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ModelError(.invalidSignature, "the signature file '\(path)' is empty") }
        guard let bytes = Base64Text.decode(text) else {
            throw ModelError(.invalidSignature, "the signature file '\(path)' does not hold base64")
        }
        return bytes
    }
}
