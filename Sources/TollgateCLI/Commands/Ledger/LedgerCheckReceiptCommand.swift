import ArgumentParser
import Foundation
import TollgateLedger
import TollgateModel
import TollgateTransparency

/// `tollgate ledger check-receipt FILE --log-key KEY`: verifies a ledger inclusion receipt
/// offline with the log's verifier key. Exit 0 valid, 1 invalid, 3 malformed input.
struct LedgerCheckReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check-receipt", abstract: "Verify a ledger receipt offline with the log key; exit 0 valid, 1 invalid, 3 malformed.")

    @OptionGroup var output: OutputOptions

    @Argument(help: "Receipt JSON file (from `tollgate ledger receipt`), or '-'.")
    var file: String

    @Option(name: .customLong("log-key"), help: "The log's C2SP verifier key (NAME+ID+BASE64), or a file (or @FILE) holding it.")
    var logKey: String

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/ledger-receipt-check/v1"
        let valid: Bool
        /// The failed check (`LedgerReceiptFailure.Check`), when invalid.
        let failure: String?
        let reason: String?
        let origin: String
        let index: UInt64
        let checkpoint: CheckpointSummary?
        let entry: EntrySummary?
        struct EntrySummary: Encodable {
            let kind: String
            let time: Date
            let actor: String
            let payloadDigest: String
            let leafHash: String
        }
    }

    func run() async throws {
        try await output.emit { out in
            let key = try Self.verifier(logKey)
            let receipt = try LedgerInclusionReceipt(json: try InputFile.read(file, limit: LedgerInclusionReceipt.maxSize))
            let report: Report
            switch receipt.verify(logKey: key) {
            case .valid(let verified):
                report = Report(valid: true, failure: nil, reason: nil, origin: verified.origin, index: verified.index,
                                checkpoint: CheckpointSummary(verified.checkpoint),
                                entry: .init(kind: verified.entry.kind.rawValue, time: verified.entry.time, actor: verified.entry.actor,
                                             payloadDigest: verified.entry.payloadDigest.description, leafHash: Hex.encode(verified.leafHash)))
            case .invalid(let failure):
                report = Report(valid: false, failure: failure.check.rawValue, reason: failure.reason, origin: receipt.origin,
                                index: receipt.index, checkpoint: nil, entry: nil)
            }
            if output.isJSON {
                try out.json(report)
            } else if let checkpoint = report.checkpoint, let entry = report.entry {
                out.line("valid: entry \(report.index) is in \(checkpoint.origin) at tree size \(checkpoint.size) (root \(checkpoint.rootHash))")
                out.line("kind:     \(entry.kind)")
                out.line("time:     \(ISO8601DateFormatter().string(from: entry.time))")
                out.line("actor:    \(entry.actor)")
                out.line("payload:  \(entry.payloadDigest)")
                out.line("leaf:     \(entry.leafHash)")
            } else {
                out.line("INVALID (\(report.failure ?? "")): \(report.reason ?? "")")
            }
            if !report.valid { throw ExitCode(1) }
        }
    }

    /// A verifier key given inline, as `@FILE`, or as the path of a file holding it.
    static func verifier(_ spec: String) throws -> any NoteVerifier {
        if spec.hasPrefix("@") {
            return try NoteVerifierKey.parse(String(decoding: try InputFile.read(String(spec.dropFirst()), limit: 4096), as: UTF8.self))
        }
        do {
            return try NoteVerifierKey.parse(spec)
        } catch {
            guard FileManager.default.fileExists(atPath: spec) else { throw error }
            return try NoteVerifierKey.parse(String(decoding: try InputFile.read(spec, limit: 4096), as: UTF8.self))
        }
    }
}
