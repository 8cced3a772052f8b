import ArgumentParser
import Foundation
import TollgateAudit
import TollgateModel

/// `tollgate audit [PATH…] [--fail-on SEVERITY] [--min-severity SEVERITY] [--format text|json|sarif] [--output FILE]`
///
/// Audits CI configuration offline: GitHub Actions workflows and composite actions, and GitLab CI. See
/// docs/audit.md for every rule, its severity and its zizmor equivalent.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit CI workflows (GitHub Actions, GitLab CI) for supply-chain weaknesses, offline.",
        discussion: """
            PATH is a checkout (its .github/workflows, .github/actions, action.yml and .gitlab-ci.yml), a folder \
            of workflow files, or single files; the default is the current directory. Exit status: 0 when no \
            finding is at or above --fail-on (default medium: low findings are pedantic and never fail the run); \
            1 when one is; 3 when a file cannot be read or is not valid YAML, a workflow or a GitLab CI file.
            """
    )

    enum Format: String, ReportFormat {
        case text, json, sarif

        static var defaultFormat: Format { .text }
    }

    @Argument(help: "Checkouts, folders of workflows, or workflow files (default: .).")
    var paths: [String] = []

    @Option(name: .long, help: "Exit 1 if a finding is at or above this severity: low, medium, high or critical.")
    var failOn: Severity = .medium

    @Option(name: .long, help: "Leave findings below this severity out of the report: low, medium, high or critical.")
    var minSeverity: Severity = .low

    @Option(name: .long, help: ArgumentHelp("Repository or organization settings exported with 'gh api' (JSON), or a directory of them; also read from .tollgate/settings/ in a checkout.", valueName: "file"))
    var settings: [String] = []

    @Option(name: .long, help: "Approving reviews the default branch must require.")
    var minReviews: Int = 1

    @OptionGroup var output: ReportOptions<Format>

    func validate() throws {
        for (flag, value) in [("--fail-on", failOn), ("--min-severity", minSeverity)] where value == .unknown || value == .none {
            throw ValidationError("\(flag) takes low, medium, high or critical")
        }
        guard (0...10).contains(minReviews) else { throw ValidationError("--min-reviews takes 0 to 10") }
    }

    func run() async throws {
        let full = try SourceAuditor().audit(paths: paths.isEmpty ? ["."] : paths, settings: settings, minimumApprovals: minReviews)
        let report = AuditReport(files: full.files, findings: full.findings.filter { $0.severity >= minSeverity },
                                 workflowOwners: full.workflowOwners, settings: full.settings)
        let failing = full.hasFinding(atOrAbove: failOn)
        try await output.emit { out in
            switch output.format {
            case .json: try out.json(report)
            case .sarif: try out.json(AuditSARIFLog(report: report, toolVersion: TollgateVersion.current))
            case .text: printText(report, to: out)
            }
            if failing {
                if output.format == .text { Console.err("failing: a finding is at or above '\(failOn.rawValue)'") }
                throw ExitCode(1)
            }
        }
    }

    private func printText(_ report: AuditReport, to out: ReportOutput) {
        for finding in report.findings {
            out.line("\(finding.location): \(finding.severity.rawValue) [\(finding.rule.rawValue)] \(finding.message)")
            out.line("  fix: \(finding.fix)")
        }
        if let owned = report.workflowOwners {
            out.line("code owners: \(owned ? "every workflow, deployment and policy file has one" : "some workflow, deployment or policy files have none")")
        }
        if let settings = report.settings {
            func say(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "unknown" }
            out.line("default branch \(settings.defaultBranch ?? "?"): protected \(say(settings.branchProtected)), approvals \(settings.requiredApprovals.map(String.init) ?? "unknown"), "
                     + "code owner review \(say(settings.codeOwnerReview)), stale approvals dismissed \(say(settings.dismissStaleApprovals)), "
                     + "force push blocked \(say(settings.forcePushBlocked)), deletion blocked \(say(settings.deletionBlocked)); release tags protected \(say(settings.releaseTagsProtected))")
        }
        let s = report.summary
        out.line("\(s.findings) finding\(s.findings == 1 ? "" : "s") in \(s.files) file\(s.files == 1 ? "" : "s"): "
                 + "\(s.critical) critical, \(s.high) high, \(s.medium) medium, \(s.low) low")
    }
}
