import ArgumentParser
import Foundation
import TollgateAdmission
import TollgateModel
import TollgatePolicy

/// `tollgate admission test FILE.json [--config FILE] --policy FILE…`: what the webhook would answer.
struct AdmissionTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Evaluate an AdmissionReview offline and print the response the webhook would send.",
        discussion: """
        For policy authors: the namespace's mode and policy come from --config (default: every namespace enforced with \
        the first --policy), images are normalised and judged exactly as by `tollgate serve`, over no stored evidence \
        and no tag history (a tag-only image is denied). Nothing is recorded. Exit 0 when allowed, 1 when denied, \
        3 when FILE is not an AdmissionReview with a request uid.
        """
    )

    @Argument(help: ArgumentHelp("The AdmissionReview request (JSON).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The admission configuration (YAML) the server would run with.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("A policy file; repeatable (the configuration names policies by metadata.name).", valueName: "file"))
    var policy: [String] = []

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !policy.isEmpty else { throw ValidationError("give at least one --policy FILE") }
    }

    func run() async throws {
        try await output.emit { out in
            var policies: [String: Policy] = [:]
            var first: String?
            for path in policy {
                let parsed = try Policy(yaml: [UInt8](try InputFile.read(path, limit: 4 << 20)), file: path)
                policies[parsed.name] = parsed
                first = first ?? parsed.name
            }
            let configuration = try config.map { path throws(AdmissionError) in try AdmissionConfig(contentsOf: path) }
                ?? AdmissionConfig(policy: first!)
            let bytes = [UInt8](try InputFile.read(file, limit: AdmissionReview.maxBytes))
            let now = Date()
            let controller = AdmissionController(configuration: configuration, now: { now })
            switch await controller.review(bytes: bytes, in: OfflineAdmissionEnvironment(policies: policies, now: now)) {
            case .rejected(let error):
                throw error
            case .review(let result):
                if output.isJSON {
                    out.write(Data(result.response.review(apiVersion: result.apiVersion).encodedBytes(pretty: true) + [UInt8(ascii: "\n")]))
                } else {
                    out.line("\(result.response.allowed ? "allowed" : "denied") (uid \(result.response.uid), \(result.apiVersion.rawValue)"
                             + (result.mode.map { ", mode \($0.rawValue)" } ?? "") + (result.policy.map { ", policy \($0)" } ?? "") + ")")
                    for verdict in result.verdicts {
                        out.line("  \(verdict.outcome.rawValue)  \(verdict.container.list.rawValue)/\(verdict.container.name): \(verdict.reason)")
                    }
                    if let message = result.response.message, result.verdicts.isEmpty { out.line("  \(message)") }
                    for warning in result.response.warnings { out.line("  warning: \(warning)") }
                    for (key, value) in result.response.auditAnnotations.sorted(by: { $0.key < $1.key }) where result.verdicts.isEmpty {
                        out.line("  \(key): \(value)")
                    }
                }
                if !result.response.allowed { throw ExitCode(ExitStatus.failed.rawValue) }
            }
        }
    }
}
