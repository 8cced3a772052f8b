import TollgateModel
import Yams

extension GitHubWorkflowAuditor {
    /// `permissions-missing`, `permissions-write-all`, `permissions-read-all`, `permissions-unneeded-write`: the GITHUB_TOKEN
    /// should carry only the scopes each job uses; without a `permissions:` block it gets the
    /// repository's default, which is read-write in repositories created before February 2023.
    func permissionFindings(_ workflow: Workflow) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for (permissions, job) in [(workflow.permissions, nil as String?)] + workflow.jobs.map({ ($0.permissions, $0.id) }) {
            guard let permissions else { continue }
            if permissions.text == "write-all" { findings.append(writeAll(permissions, job: job)) }
            if permissions.text == "read-all" {
                findings.append(source.finding(.permissionsReadAll, .low, at: source.position(of: permissions), job: job,
                                               "'permissions: read-all' lets the token read every scope: in a private repository its code, packages, issues, actions logs and security alerts",
                                               fix: "list only the scopes the job reads, e.g. permissions: { contents: read }"))
            }
        }
        if workflow.permissions == nil && !workflow.isReusableOnly {
            for job in workflow.jobs where job.permissions == nil {
                findings.append(source.finding(.permissionsMissing, .medium, at: source.position(of: job.keyNode), job: job.id,
                                               "neither the workflow nor job '\(job.id)' sets 'permissions': the token gets the repository's default, which may be read-write on everything",
                                               fix: "add 'permissions: {}' at the top of the workflow and grant each job only what it uses (e.g. contents: read)"))
            }
        }
        // Job-level write scopes the job does not use.
        for job in workflow.jobs where job.uses == nil {
            guard let permissions = job.permissions else { continue }
            for (scope, value) in writeScopes(permissions) where !TokenScopeUse.uses(scope, in: text(of: job)) {
                findings.append(unneeded(scope, at: value, job: job, inherited: false))
            }
        }
        // Workflow-level write scopes: reported once when no inheriting job uses them, else per job that does not.
        if let permissions = workflow.permissions {
            let inheriting = workflow.jobs.filter { $0.permissions == nil && $0.uses == nil }
            for (scope, value) in writeScopes(permissions) {
                let idle = inheriting.filter { !TokenScopeUse.uses(scope, in: text(of: $0)) }
                if idle.count == inheriting.count, !inheriting.isEmpty {
                    let opaque = inheriting.contains { $0.steps.contains(where: TokenScopeUse.isOpaque) }
                    findings.append(source.finding(.permissionsUnneededWrite, opaque ? .low : .medium, at: source.position(of: value),
                                                   "'\(scope): write' is granted to every job, and no job names anything that writes \(scope)",
                                                   fix: "remove it, or move it to the one job that needs it"))
                } else {
                    for job in idle { findings.append(unneeded(scope, at: job.keyNode, job: job, inherited: true)) }
                }
            }
        }
        return findings
    }

    private func writeAll(_ node: Node, job: String?) -> AuditFinding {
        source.finding(.permissionsWriteAll, .high, at: source.position(of: node), job: job,
                       "'permissions: write-all' gives the token every write scope: contents, packages, id-token, actions and more",
                       fix: "list only the scopes the job uses, e.g. permissions: { contents: read }")
    }

    private func unneeded(_ scope: String, at node: Node, job: WorkflowJob, inherited: Bool) -> AuditFinding {
        let opaque = job.steps.contains(where: TokenScopeUse.isOpaque)
        let how = inherited ? "inherits '\(scope): write' from the workflow" : "is granted '\(scope): write'"
        let tail = opaque ? " (an action it calls might use it: check)" : ""
        return source.finding(.permissionsUnneededWrite, opaque ? .low : .medium, at: source.position(of: node), job: job.id,
                              "job '\(job.id)' \(how) but none of its steps names anything that writes \(scope)\(tail)",
                              fix: inherited ? "give job '\(job.id)' its own 'permissions:' without \(scope): write" : "lower it to '\(scope): read' or remove it")
    }

    private func writeScopes(_ permissions: Node) -> [(String, Node)] {
        permissions.entries.filter { $0.value.text == "write" }.map { ($0.key, $0.value) }
    }

    private func text(of job: WorkflowJob) -> String {
        job.steps.map(\.searchText).joined(separator: "\n")
    }
}
