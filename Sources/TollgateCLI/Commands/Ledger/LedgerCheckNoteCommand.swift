import ArgumentParser
import Foundation
import TollgateLedger
import TollgateTransparency

/// `tollgate ledger check-note NOTE --key VKEY [--key VKEY2 …] [--ecdsa-key NAME=PEMFILE]`:
/// verifies a signed note or checkpoint with the signed-note rules. Exit 0 valid, 1 invalid.
struct LedgerCheckNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check-note", abstract: "Verify a signed note/checkpoint against verifier keys; exit 0 valid, 1 invalid.")

    @OptionGroup var output: OutputOptions

    @Argument(help: "Signed note file, or '-'.")
    var note: String

    @Option(name: .customLong("key"), help: "C2SP verifier key (NAME+ID+BASE64), or @FILE holding one.")
    var keys: [String] = []

    @Option(name: .customLong("ecdsa-key"), help: "A Rekor v1 ECDSA P-256 key as NAME=PEMFILE.")
    var ecdsaKeys: [String] = []

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/ledger-note-check/v1"
        let valid: Bool
        let reason: String?
        let verifiedBy: [String]
        let checkpoint: CheckpointSummary?
    }

    func run() async throws {
        try await output.emit { out in
            guard !keys.isEmpty || !ecdsaKeys.isEmpty else { throw CLIError(.usage, "give at least one --key or --ecdsa-key") }
            var verifiers: [any NoteVerifier] = []
            for key in keys {
                let text = key.hasPrefix("@") ? String(decoding: try InputFile.read(String(key.dropFirst()), limit: 4096), as: UTF8.self) : key
                verifiers.append(try NoteVerifierKey.parse(text))
            }
            for spec in ecdsaKeys {
                guard let equals = spec.firstIndex(of: "=") else { throw CLIError(.usage, "--ecdsa-key is NAME=PEMFILE") }
                let pem = String(decoding: try InputFile.read(String(spec[spec.index(after: equals)...]), limit: 16384), as: UTF8.self)
                verifiers.append(try ECDSANoteVerifier(name: String(spec[..<equals]), pem: pem))
            }
            let bytes = Array(try InputFile.read(note, limit: SignedNote.maxSize))
            var valid = false
            var reason: String? = nil
            var signers: [String] = []
            var summary: CheckpointSummary? = nil
            do throws(TransparencyError) {
                let parsed = try SignedNote(parsing: bytes)
                switch parsed.verify(with: verifiers) {
                case .valid(let verified):
                    valid = true
                    signers = verified.map { signature in
                        signature.cosignatureTimestamp.map { "\(signature.name) (cosignature at \($0))" } ?? signature.name
                    }
                case .invalid(let why):
                    reason = why
                }
                if let checkpoint = try? Checkpoint(text: parsed.text) {
                    summary = CheckpointSummary(checkpoint)
                }
            } catch {
                reason = error.reason
            }
            if output.isJSON {
                try out.json(Report(valid: valid, reason: reason, verifiedBy: signers, checkpoint: summary))
            } else if valid {
                out.line("valid: signed by \(signers.joined(separator: ", "))")
                if let summary { out.line("checkpoint \(summary.origin) size \(summary.size) root \(summary.rootHash)") }
            } else {
                out.line("INVALID: \(reason ?? "")")
            }
            if !valid { throw ExitCode(1) }
        }
    }
}
