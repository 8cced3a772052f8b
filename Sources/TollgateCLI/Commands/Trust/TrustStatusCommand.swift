import ArgumentParser
import Foundation
import TollgateTUF

/// `tollgate trust status`: the stored TUF metadata and targets, checked offline now. Exits 1 when
/// they are not valid and current (the report says what to run).
struct TrustStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the trusted TUF metadata and targets, checked offline; exit 1 when stale or invalid."
    )

    @OptionGroup var options: TrustOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let report = try await options.trustDirectory.status()
        try await output.emit { out in
            try TrustReportPrinter.print(report, to: out, json: output.isJSON)
            if !report.valid { throw ExitCode(1) }
        }
    }
}
