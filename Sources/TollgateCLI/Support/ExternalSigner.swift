import Foundation
import TollgateModel

/// A signer whose private key never enters Tollgate: `--key exec:PROGRAM` runs PROGRAM, which holds
/// the key in a hardware token, an HSM (PKCS#11) or a KMS (docs/keys.md#external-signers).
///
/// The protocol: `PROGRAM public-key` prints the public key (SPKI PEM) on stdout; `PROGRAM sign`
/// reads the message on stdin and prints the signature on stdout (binary; DER or raw `r‖s` for ECDSA,
/// raw for Ed25519, PKCS#1 v1.5 SHA-256 for RSA). Exit 0 on success. Tollgate checks every signature
/// against the public key before it uses it, so a misbehaving program cannot produce a bad envelope,
/// and gives the program 60 s and 64 KiB of output.
struct ExternalSigner: MessageSigner {
    static let prefix = "exec:"
    static let timeout: TimeInterval = 60
    static let maxOutput = 64 << 10

    let program: String
    let publicKey: PublicKey

    /// The signer of `--key exec:PROGRAM`: runs `PROGRAM public-key` once.
    init(argument: String) throws {
        program = String(argument.dropFirst(Self.prefix.count))
        guard !program.isEmpty else { throw CLIError(.usage, "--key exec: needs a program: --key exec:/path/to/signer") }
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw CLIError(.externalSigner, "external signer '\(program)' is not an executable file")
        }
        let output = try Self.run(program, ["public-key"], input: nil)
        do {
            publicKey = try PublicKey(pem: String(decoding: output, as: UTF8.self))
        } catch {
            throw CLIError(.externalSigner, "external signer '\(program)' printed no usable public key for 'public-key': \(error.reason)")
        }
    }

    func sign(message: [UInt8]) throws -> [UInt8] {
        let output = try Self.run(program, ["sign"], input: message)
        let signature = normalized(output)
        let verdict = publicKey.verify(signature: signature, message: message, policy: .default)
        guard verdict.isValid else {
            throw CLIError(.externalSigner, "external signer '\(program)' returned a signature that does not verify with its public key \(publicKey.keyID.prefix(16))…: \(verdict.reason ?? "invalid")")
        }
        return signature
    }

    func sign(fileAt path: String) throws -> [UInt8] {
        try sign(message: [UInt8](try InputFile.read(path, limit: PrivateKey.maxEd25519FileBytes)))
    }

    /// A raw `r‖s` ECDSA signature (what PKCS#11's CKM_ECDSA returns) as DER; anything else as is.
    func normalized(_ signature: [UInt8]) -> [UInt8] {
        ECDSASignatureEncoding.der(fromRaw: signature, algorithm: publicKey.algorithm) ?? signature
    }

    /// Runs `program arguments`, feeding `input` on stdin; returns stdout, or throws with stderr's start.
    static func run(_ program: String, _ arguments: [String], input: [UInt8]?) throws -> [UInt8] {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(program, arguments, input: input, timeout: timeout, maxOutput: maxOutput)
        } catch .cannotStart(let reason) {
            throw CLIError(.externalSigner, "cannot run external signer '\(program)': \(reason)")
        } catch {
            throw CLIError(.externalSigner, "external signer '\(program) \(arguments.joined(separator: " "))' did not finish within \(Int(timeout)) s")
        }
        guard outcome.succeeded else {
            let message = String(decoding: outcome.stderr.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CLIError(.externalSigner, "external signer '\(program) \(arguments.joined(separator: " "))' failed (exit \(outcome.status))\(message.isEmpty ? "" : ": \(message)")")
        }
        guard outcome.stdout.count <= maxOutput else {
            throw CLIError(.externalSigner, "external signer '\(program)' printed more than \(maxOutput) bytes")
        }
        return outcome.stdout
    }
}
