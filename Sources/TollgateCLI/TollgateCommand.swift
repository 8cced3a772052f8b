import ArgumentParser
import Foundation
import TollgateModel

/// The `tollgate` root command. Subcommands are thin; the work lives in the libraries.
public struct TollgateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tollgate",
        abstract: "Verify signatures, provenance, SBOMs and vulnerabilities against policy; keep a tamper-evident ledger.",
        version: TollgateVersion.current,
        subcommands: [
            DigestCommand.self,
            KeyCommand.self,
            SignCommand.self,
            VerifySignatureCommand.self,
            AttestCommand.self,
            VerifyAttestationCommand.self,
            DBCommand.self,
            ScanCommand.self,
            AuditCommand.self,
            InitCommand.self,
            SBOMCommand.self,
            LedgerCommand.self,
            TokenCommand.self,
            ServeCommand.self,
            VerifyCommand.self,
            ReviewCommand.self,
            InventoryCommand.self,
            DeployCommand.self,
            AdmissionCommand.self,
            IncidentCommand.self,
            DrillCommand.self,
            PolicyCommand.self,
            ExceptionsCommand.self,
            ProvenanceCommand.self,
            RebuildCommand.self,
            IntegrityCommand.self,
            VerifyBundleCommand.self,
            TrustCommand.self,
            TUFClientCommand.self,
            NpmCommand.self,
            PipCommand.self,
            DeprecatedVerifyProvenanceCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line and ends the process with its status from the task that ran it. The
    /// top-level `exit(await run(…))` resumed on the main actor first, which started a thread
    /// only to call `exit` (~1 ms after the output of every run, docs/benchmarks.md issue #13).
    public static func runAndExit(arguments: [String]) async -> Never {
        Foundation.exit(await run(arguments: arguments))
    }

    /// Runs the command line and returns the process exit status.
    ///
    /// Every error becomes `error[code]: reason` on standard error (and a JSON object on standard
    /// output under `--format json`), never a Swift type dump.
    public static func run(arguments: [String]) async -> Int32 {
        let wantsJSON = ReportFlags.requestJSON(arguments)
        do {
            // tuf-client follows the tuf-conformance protocol (exit 0 or 1, options before the
            // subcommand): its arguments never go through ArgumentParser, whose usage errors exit 2.
            if arguments.first == "tuf-client", !arguments.contains("--help"), !arguments.contains("-h") {
                return await TUFClientCommand.run(Array(arguments.dropFirst()))
            }
            // `serve` is the tollgate-server binary: hand every argument to it, help included.
            if arguments.first == "serve" { try ServerLauncher.exec(Array(arguments.dropFirst())) }
            // The commonest invocation, one `verify-bundle`, skips ArgumentParser's command-tree
            // reflection (a third of a whole verification's CPU time, docs/benchmarks.md 2026-12-05);
            // anything it does not recognise goes through `parseAsRoot` as before.
            if let fast = VerifyBundleCommand.fastParse(arguments) {
                try await fast.run()
                return ExitStatus.success.rawValue
            }
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitStatus.success.rawValue
        } catch let error as any TollgateError {
            report(code: error.code, reason: error.reason, json: wantsJSON)
            return error.exitStatus.rawValue
        } catch let exit as ExitCode {
            return exit.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Console.out(fullMessage(for: error))
                return ExitStatus.success.rawValue
            }
            if code == .validationFailure {
                let message = fullMessage(for: error)
                Console.err(message)
                if wantsJSON { try? Console.json(ErrorReport(code: "cli.usage", reason: message)) }
                return ExitStatus.usage.rawValue
            }
            report(code: "internal", reason: ErrorText.describe(error), json: wantsJSON)
            return ExitStatus.environment.rawValue
        }
    }

    private static func report(code: String, reason: String, json: Bool) {
        Console.err("error[\(code)]: \(reason)")
        if json { try? Console.json(ErrorReport(code: code, reason: reason)) }
    }
}

/// The JSON printed on standard output when a command fails under `--format json`.
struct ErrorReport: Encodable {
    let schemaVersion = "tollgate.dev/error/v1"
    let error: Body
    struct Body: Encodable {
        let code: String
        let reason: String
    }
    init(code: String, reason: String) { error = Body(code: code, reason: reason) }
}

/// Tollgate's version string.
public enum TollgateVersion {
    public static let current = "0.1.0"
}
