import ArgumentParser
import Foundation
import TollgateLedger
import TollgateModel
import TollgateTransparency

/// `tollgate ledger get N`: one entry, decoded.
struct LedgerGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Print the entry at an index.")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "Entry index.")
    var index: UInt64

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/ledger-entry/v1"
        let index: UInt64
        let kind: String
        let time: Date
        let actor: String
        let payloadDigest: String
        let leafHash: String
        /// The payload as text (JSON for the built-in kinds); absent when stored beside the log and missing.
        let payload: String?
    }

    func run() async throws {
        try await output.emit { out in
            let (ledger, _) = try await dataOptions.openLedger()
            let entry = try await ledger.entry(at: index)
            let leaf = RFC6962.leafHash(try await ledger.leafData(at: index))
            let report = Report(index: index, kind: entry.kind.rawValue, time: entry.time, actor: entry.actor,
                                payloadDigest: entry.payloadDigest.description, leafHash: Hex.encode(leaf),
                                payload: entry.payload.map { String(decoding: $0, as: UTF8.self) })
            if output.isJSON {
                try out.json(report)
            } else {
                out.line("index:    \(index)")
                out.line("kind:     \(report.kind)")
                out.line("time:     \(ISO8601DateFormatter().string(from: entry.time))")
                out.line("actor:    \(entry.actor)")
                out.line("payload:  \(report.payloadDigest)")
                out.line("leaf:     \(report.leafHash)")
                if let payload = report.payload { out.line(payload) }
            }
        }
    }
}
