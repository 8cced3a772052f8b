import ArgumentParser
import Foundation
import TollgateLedger
import TollgateModel
import TollgateTUF

/// `tollgate trust update`: the TUF client workflow against the repository given to `trust init`;
/// every stored root or target that changed is appended to the ledger (when `--data` has one).
struct TrustUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Refresh the trusted TUF metadata and targets; record what changed in the ledger."
    )

    @OptionGroup var options: TrustOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await Self.update(options.trustDirectory, options: options, output: output)
    }

    static func update(_ trust: TUFTrustDirectory, options: TrustOptions, output: OutputOptions) async throws {
        let repository = try trust.repository()
        let report = try await TrustOptions.withFetcher(repository) { try await trust.update(fetcher: $0) }
        try await TrustLedgerRecorder.record(report, data: options.data)
        try await output.emit { out in
            try TrustReportPrinter.print(report, to: out, json: output.isJSON)
        }
    }
}
