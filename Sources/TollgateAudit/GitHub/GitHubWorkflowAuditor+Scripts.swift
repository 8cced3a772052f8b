import TollgateModel
import Yams

extension GitHubWorkflowAuditor {
    /// Action inputs that are evaluated as code (CodeQL's injection sinks): an expression there is
    /// template injection as much as in `run:`.
    static let scriptInputs: [String: String] = [
        "actions/github-script": "script", "mikefarah/yq": "cmd", "addnab/docker-run-action": "run",
        "appleboy/ssh-action": "script", "cardinalby/js-eval-action": "expression",
    ]

    /// `template-injection`, and the shell rules (`curl-pipe-shell`, `unverified-download`,
    /// `unpinned-package-install`) for a `run:` step or an `actions/github-script` script.
    func scriptFindings(_ step: WorkflowStep, job workflowJob: WorkflowJob?, workflow: Workflow?) -> [AuditFinding] {
        let job = workflowJob?.id
        var findings: [AuditFinding] = []
        var scriptNode: Node?
        if let run = step.runNode {
            scriptNode = run
        } else if let action = step.action, let input = Self.scriptInputs.first(where: { action.isAction($0.key) })?.value {
            scriptNode = step.with?.child(input)
        }
        guard let node = scriptNode, let script = node.text else { return [] }
        let start = source.position(of: node)
        // `env.NAME` set to a constant in the workflow, job or step is the maintainer's own text.
        let constantEnv = Set([workflow?.env, workflowJob?.env, step.env].compactMap { $0 }.flatMap { env in
            env.entries.filter { $0.value.text.map { !$0.contains("${{") } ?? false }.map { "env." + $0.key }
        })
        var seen: [String: Int] = [:]
        for expression in TemplateExpression.all(in: script) {
            let occurrence = seen[expression.text, default: 0]
            seen[expression.text] = occurrence + 1
            let risky = expression.references.filter { !constantEnv.contains($0) }
                .compactMap { reference in TemplateExpression.risk(of: reference).map { (reference, $0) } }
            guard let worst = risky.max(by: { $0.1 < $1.1 }) else { continue }
            let position = source.locate(expression.text, from: start, skip: occurrence) ?? start
            let reference = worst.0
            let variable = reference.split(separator: ".").last.map { $0.uppercased().replacingOccurrences(of: "-", with: "_") } ?? "VALUE"
            let why = reference.hasPrefix("secrets.")
                ? "the secret is written into the script file and onto command lines (visible in process listings)"
                : worst.1 >= .high ? "an outsider writes this value (a title, body, branch name or commit message)"
                : worst.1 == .medium ? "this event field may carry text an outsider chose"
                : "its value is not known to be safe"
            findings.append(source.finding(.templateInjection, worst.1, at: position, job: job,
                                           "'\(reference)' is expanded into the script before the shell runs: \(why), and becomes shell code",
                                           fix: "pass it through the environment: env: { \(variable): '${{ \(reference) }}' } and use \"$\(variable)\" in the script"))
        }
        guard step.runNode != nil else { return findings }
        for issue in ShellScriptAudit.audit(script) {
            let lineStart = source.locate(issue.lineText, from: start)
            let position = lineStart.map { AuditPosition(line: $0.line, column: $0.column + issue.offset) } ?? start
            findings.append(source.finding(issue.rule, issue.severity, at: position, job: job, issue.message, fix: issue.fix))
        }
        return findings
    }
}
