import ArgumentParser
import Foundation

/// `tollgate serve …`: runs the `tollgate-server` executable with the same arguments.
///
/// The server is its own binary so the `tollgate` CLI does not link Hummingbird, SwiftNIO's TLS and
/// jwt-kit: every short command would pay for loading them (docs/benchmarks.md, "Server split").
/// `TollgateCommand.run` hands `serve` over before parsing anything, so `tollgate serve --help`
/// prints the server's own help.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Tollgate server (REST API, ledger tiles) — runs tollgate-server; see `tollgate serve --help`.")

    @Argument(parsing: .captureForPassthrough, help: "Arguments for tollgate-server.")
    var arguments: [String] = []

    func run() throws {
        try ServerLauncher.exec(arguments)
    }
}
