import ArgumentParser
import Foundation
import TollgateTUF

/// `tollgate trust init --repository URL|DIR --root ROOT.json`: starts trusting a TUF repository
/// from a root obtained out of band, then runs the first update.
struct TrustInitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Trust a TUF repository from a root obtained out of band, and fetch its targets."
    )

    @OptionGroup var options: TrustOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The repository: an http(s) URL (e.g. https://tuf-repo-cdn.sigstore.dev) or a mirror directory.")
    var repository: String

    @Option(help: "The initial root.json, signed by a threshold of its own keys.")
    var root: String

    @Flag(help: "Only store the root; do not fetch the repository now.")
    var noUpdate = false

    func run() async throws {
        let bytes = [UInt8](try InputFile.read(root, limit: TUFUpdaterConfiguration().rootMaxLength))
        let trust = options.trustDirectory
        try trust.initialize(repository: repository, rootBytes: bytes)
        if noUpdate {
            try await output.emit { out in
                try TrustReportPrinter.print(try await trust.status(), to: out, json: output.isJSON)
            }
            return
        }
        try await TrustUpdateCommand.update(trust, options: options, output: output)
    }
}
