import Foundation
import TollgateModel

/// Finds the passphrase for a private key: `TOLLGATE_PASSWORD` first, then a prompt on the
/// terminal with echo off. Never reads a passphrase from a pipe, so scripts must be explicit.
public struct PassphraseReader: Sendable {
    /// The environment variable consulted first.
    public static let variable = "TOLLGATE_PASSWORD"

    let environment: [String: String]
    let interactive: Bool

    /// - Parameters:
    ///   - environment: injected for tests; defaults to the process environment.
    ///   - interactive: whether a terminal prompt is possible; defaults to "stdin is a terminal".
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                interactive: Bool = Console.stdinIsTerminal) {
        self.environment = environment
        self.interactive = interactive
    }

    /// The passphrase, asking twice when `confirm` (for a new key).
    public func read(purpose: String, confirm: Bool = false) throws(CLIError) -> [UInt8] {
        if let value = environment[Self.variable] {
            guard !value.isEmpty else { throw CLIError(.passphrase, "\(Self.variable) is set but empty") }
            return Array(value.utf8)
        }
        guard interactive else {
            throw CLIError(.passphrase, "no passphrase: set \(Self.variable) or run on a terminal (needed to \(purpose))")
        }
        let first = try prompt("Passphrase to \(purpose): ")
        guard !first.isEmpty else { throw CLIError(.passphrase, "the passphrase is empty") }
        if confirm {
            let second = try prompt("Repeat the passphrase: ")
            guard first == second else { throw CLIError(.passphrase, "the two passphrases differ") }
        }
        return first
    }

    /// The signer of a `--key` argument: `exec:PROGRAM` is an external signer (the key stays in its
    /// token, HSM or KMS), anything else a private key file (`privateKey(at:)`).
    public func signer(at argument: String) throws -> any MessageSigner {
        if argument.hasPrefix(ExternalSigner.prefix) { return try ExternalSigner(argument: argument) }
        return try privateKey(at: argument)
    }

    /// Loads a private key file, asking for the passphrase only if the key is encrypted.
    public func privateKey(at path: String) throws -> PrivateKey {
        let text = String(decoding: try InputFile.read(path, limit: PEMBlock.maxBytes), as: UTF8.self)
        if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
            return try PrivateKey(pem: text, passphrase: try read(purpose: "unlock \(path)"))
        }
        return try PrivateKey(pem: text)
    }

    private func prompt(_ message: String) throws(CLIError) -> [UInt8] {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else { throw CLIError(.passphrase, "cannot open the terminal to ask for a passphrase") }
        defer { close(fd) }
        _ = message.withCString { Foundation.write(fd, $0, strlen($0)) }
        var original = termios()
        let hasTermios = tcgetattr(fd, &original) == 0
        if hasTermios {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(fd, TCSAFLUSH, &silent)
        }
        defer {
            if hasTermios { _ = tcsetattr(fd, TCSAFLUSH, &original) }
            _ = Foundation.write(fd, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Foundation.read(fd, &byte, 1) == 1, byte != 0x0A, byte != 0x0D {
            bytes.append(byte)
            if bytes.count > 4096 { throw CLIError(.passphrase, "the passphrase is longer than 4096 bytes") }
        }
        return bytes
    }
}
