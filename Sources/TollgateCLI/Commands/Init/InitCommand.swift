import ArgumentParser
import Foundation
import TollgateAudit

extension PavedRoad.Platform: ExpressibleByArgument {}

/// `tollgate init github|gitlab [--directory DIR] [--force]`: writes the paved road into a checkout.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write the paved road into a checkout: release and pull request workflows, a starter policy with tests, CODEOWNERS, admission manifests.",
        discussion: """
            Every file written passes 'tollgate audit' with no finding. Running it again changes nothing; a file \
            that exists with other content is left alone (and named) unless --force. Exit status: 0 when every \
            file is written or already as written; 1 when a file was left alone; 4 when a file cannot be written.
            """
    )

    @Argument(help: "github or gitlab.")
    var platform: PavedRoad.Platform

    @Option(name: .long, help: ArgumentHelp("The checkout to write into (default: the current directory).", valueName: "dir"))
    var directory: String = "."

    @Flag(name: .long, help: "Replace files that exist with other content.")
    var force = false

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/init/v1"
        let platform: PavedRoad.Platform
        let files: [PavedRoad.Written]
        let todo: [String]
    }

    func run() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--directory '\(directory)' is not a directory")
        }
        let road = PavedRoad(platform: platform)
        let written = try road.write(into: directory, force: force)
        try await output.emit { out in
            if output.isJSON {
                try out.json(Report(platform: platform, files: written, todo: road.todo))
            } else {
                for file in written { out.line("\(file.outcome.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \(file.path): \(file.purpose)") }
                for item in road.todo { out.line("todo: \(item)") }
            }
            if written.contains(where: { $0.outcome == .conflict }) {
                Console.err("left alone: files that exist with other content (compare them, or rerun with --force)")
                throw ExitCode(1)
            }
        }
    }
}
