import ArgumentParser
import Foundation
import TollgateInventory

/// `tollgate deploy import FILE.jsonl`: many deployments, one JSON object per line.
struct DeployImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record deployments from JSON lines ('-' for standard input), one object per line with the 'deploy record' names.",
        discussion: """
        Fields: environment and image (required), cluster, namespace, service, digest, stopped (true/false), and time \
        (RFC 3339, for a past deployment). Every line is checked first: a malformed line is reported with its number \
        and nothing is recorded.
        """
    )

    @Argument(help: "A JSON-lines file, or '-' for standard input.")
    var file: String

    @OptionGroup var state: GateStateOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await output.emit { out in
            let requests = try DeploymentLines.parse(try InputFile.read(file), file: file)
            let recorder = try await state.recorder()
            try DeploymentPrinter.print(try await DeploymentRecording.record(requests, with: recorder), json: output.isJSON, to: out)
        }
    }
}
