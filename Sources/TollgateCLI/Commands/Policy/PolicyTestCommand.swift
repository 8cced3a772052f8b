import ArgumentParser
import Foundation
import TollgatePolicy
import TollgateVerify

/// `tollgate policy test DIR`: run `*.test.yaml` fixtures (evidence + expected decision) against policies,
/// as `opa test` and `kyverno test` do.
struct PolicyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy test fixtures (*.test.yaml) found under a directory.",
        discussion: "Each fixture names its policy (default policy.yaml beside it), an instant, and cases of evidence with the expected decision. Exit 1 when a case fails."
    )

    @Argument(help: "Directory holding *.test.yaml fixtures (searched recursively).")
    var directory: String

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/policy-test/v1"
        let passed: Int
        let failed: Int
        let results: [PolicyTestResult]
    }

    func run() async throws {
        try await output.emit { out in
            let root = URL(fileURLWithPath: directory)
            guard try InputFile.requireExisting(directory) else {
                throw CLIError(.unreadable, "'\(directory)' is a file, expected a directory of *.test.yaml fixtures")
            }
            guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
                throw CLIError(.unreadable, "cannot read directory '\(directory)'")
            }
            var fixtures: [URL] = []
            for case let url as URL in enumerator where url.lastPathComponent.hasSuffix(".test.yaml") || url.lastPathComponent.hasSuffix(".test.yml") {
                fixtures.append(url)
            }
            fixtures.sort { $0.path < $1.path }
            guard !fixtures.isEmpty else { throw CLIError(.usage, "no *.test.yaml fixtures under '\(directory)'") }
            let runner = PolicyTestRunner()
            var results: [PolicyTestResult] = []
            var policies: [String: Policy] = [:]
            for url in fixtures {
                let text = String(decoding: try InputFile.read(url.path, limit: 16 << 20), as: UTF8.self)
                let fixture = try runner.parse(text, file: url.path)
                let policyPath = url.deletingLastPathComponent().appendingPathComponent(fixture.policy ?? "policy.yaml").standardizedFileURL.path
                let policy: Policy
                if let cached = policies[policyPath] {
                    policy = cached
                } else {
                    policy = try Policy(yaml: [UInt8](try InputFile.read(policyPath, limit: PolicyParser.maxBytes)), file: policyPath)
                    policies[policyPath] = policy
                }
                results += runner.run(fixture, policy: policy, file: url.path)
            }
            let failed = results.filter { !$0.passed }.count
            if output.isJSON {
                try out.json(Report(passed: results.count - failed, failed: failed, results: results))
            } else {
                for result in results {
                    out.line("\(result.passed ? "PASS" : "FAIL")  \(result.name)  (\(URL(fileURLWithPath: result.file).lastPathComponent))")
                    for failure in result.failures { out.line("      \(failure)") }
                }
                out.line("\(results.count - failed) passed, \(failed) failed")
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }
}
