import Foundation
import Testing

extension CommandWorldSuite {
    /// Each command's exit statuses as docs/exit-codes.md lists them: success, a usage error (the
    /// argument parser's or the command's own check), unreadable input, and a failed verification or
    /// policy where the command has one.
    @Suite("exit codes per command")
    struct ExitCodeTests {
        static func world() throws -> CommandWorld {
            try #require(FileManager.default.isExecutableFile(atPath: TollgateProcess.binary.path), "build the tollgate binary first")
            return try CommandWorld.shared.get()
        }

        @Test("exits with the documented status", arguments: CommandCases.all)
        func exitStatus(_ testCase: CommandCase) throws {
            let result = try Self.world().run(testCase.arguments)
            #expect(result.status == testCase.status, "stderr: \(result.stderr)")
            if testCase.outcome != .success && testCase.outcome != .failure {
                // A clear message, never a Swift type dump or a stack trace.
                #expect(!result.stderr.isEmpty)
                #expect(!result.stderr.contains("Swift.") && !result.stderr.contains("Fatal error"), "\(result.stderr)")
            }
            if testCase.outcome == .unreadable || testCase.outcome == .environment {
                // ... naming its stable code: `error[CODE]: …` (verify-bundle: `FAIL BUNDLE: [CODE] …`).
                #expect(result.stderr.range(of: #"\[[a-z0-9]+(\.[a-z0-9-]+)+\]"#, options: .regularExpression) != nil, "\(result.stderr)")
            }
        }

        @Test("every command has a success and a usage case")
        func everyCommandCovered() {
            // tuf-client speaks the tuf-conformance protocol: exit 0 or 1 only, no JSON (docs/tuf.md).
            for node in CommandTree.all where (node.isLeaf || node.name.isEmpty) && node.name != "tuf-client" {
                let cases = CommandCases.all.filter { $0.command == node.name }
                #expect(cases.contains { $0.outcome == .success }, "no success case for 'tollgate \(node.name)'")
                #expect(cases.contains { $0.outcome == .usage }, "no usage case for 'tollgate \(node.name)'")
                if node.isLeaf && node.name != "serve" {
                    // Every command but the long-running server has JSON output: OutputConventionTests
                    // checks it from this case.
                    #expect(cases.contains { $0.outcome == .success && $0.json != nil }, "no JSON case for 'tollgate \(node.name)'")
                }
            }
        }

        @Test("a command group without its subcommand prints its help and exits 0",
              arguments: CommandTree.all.filter { !$0.isLeaf && $0.name != "exceptions" }.map(\.name))
        func groupWithoutSubcommand(_ group: String) throws {
            let result = try Self.world().run(group.split(separator: " ").map(String.init))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.text.contains("SUBCOMMANDS:"))
        }

        @Test("errors under --format json are a JSON error report on standard output")
        func jsonErrors() throws {
            let result = try Self.world().run(["digest", "missing.txt", "--format", "json"])
            #expect(result.status == 3)
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(object["schemaVersion"] as? String == "tollgate.dev/error/v1")
            #expect((object["error"] as? [String: Any])?["code"] as? String == "model.io")
        }
    }
}
