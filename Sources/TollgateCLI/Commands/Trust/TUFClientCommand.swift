import ArgumentParser
import Foundation
import TollgateModel
import TollgateTUF

/// `tollgate tuf-client`: the client-under-test command line of the tuf-conformance suite
/// (its CLIENT-CLI.md), options before the subcommand, exit status 0 or 1 only:
///
/// ```
/// tollgate tuf-client --metadata-dir DIR init TRUSTED_ROOT
/// tollgate tuf-client --metadata-url URL --metadata-dir DIR refresh
/// tollgate tuf-client --metadata-url URL --metadata-dir DIR --target-name T [--target-name T2 …] \
///     --target-dir TD --target-base-url URL download
/// ```
///
/// Time is the system clock (so `faketime` works). The arguments are parsed by `TUFClientArguments`,
/// not ArgumentParser, whose usage errors exit 2.
struct TUFClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tuf-client",
        abstract: "The tuf-conformance client CLI: init, refresh, download (docs/tuf.md).",
        discussion: """
        tollgate tuf-client --metadata-dir DIR init TRUSTED_ROOT
        tollgate tuf-client --metadata-url URL --metadata-dir DIR refresh
        tollgate tuf-client --metadata-url URL --metadata-dir DIR --target-name T [--target-name T2 ...] \
        --target-dir TD --target-base-url URL download
        Exit status: 0 on success, 1 on any failure.
        """
    )

    @Argument(parsing: .captureForPassthrough, help: "Options, then init, refresh or download.")
    var arguments: [String] = []

    func run() async throws {
        if arguments.contains("--help") || arguments.contains("-h") { throw CleanExit.helpRequest(self) }
        throw ExitCode(await Self.run(arguments))
    }

    /// Runs one client command; failures are printed as `error[CODE]: REASON` and give 1.
    static func run(_ arguments: [String]) async -> Int32 {
        do {
            let parsed = try TUFClientArguments(arguments)
            try await parsed.execute()
            return 0
        } catch let error as any TollgateError {
            Console.err("error[\(error.code)]: \(error.reason)")
            return 1
        } catch {
            Console.err("error[internal]: \(ErrorText.describe(error))")
            return 1
        }
    }
}
