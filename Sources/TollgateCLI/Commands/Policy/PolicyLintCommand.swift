import ArgumentParser
import TollgatePolicy

/// `tollgate policy lint FILE...`: parse policies and report the first error of each with file:line:column.
struct PolicyLintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate policy files: unknown keys, wrong types, bad patterns, exceptions without owner or expiry."
    )

    @Argument(help: "Policy files.")
    var files: [String]

    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/policy-lint/v1"
        let files: [Entry]
        struct Entry: Encodable {
            let file: String
            let valid: Bool
            let rules: [String]
            let exceptions: Int
            let error: ErrorBody?
        }
        struct ErrorBody: Encodable {
            let code: String
            let reason: String
        }
    }

    func run() async throws {
        try await output.emit { out in
            var entries: [Report.Entry] = []
            for file in files {
                let bytes = try InputFile.read(file, limit: PolicyParser.maxBytes)
                do throws(PolicyError) {
                    let policy = try Policy(yaml: [UInt8](bytes), file: file)
                    entries.append(.init(file: file, valid: true, rules: policy.enabledRules.map(\.rawValue),
                                         exceptions: policy.exceptions.count, error: nil))
                    if !output.isJSON {
                        out.line("ok    \(file): policy \(policy.name), \(policy.enabledRules.count) rules, \(policy.exceptions.count) exceptions")
                    }
                } catch {
                    entries.append(.init(file: file, valid: false, rules: [], exceptions: 0,
                                         error: .init(code: error.code, reason: error.reason)))
                    if !output.isJSON { out.line("error[\(error.code)]: \(error.reason)") }
                }
            }
            if output.isJSON { try out.json(Report(files: entries)) }
            if entries.contains(where: { !$0.valid }) { throw ExitCode(3) }
        }
    }
}
