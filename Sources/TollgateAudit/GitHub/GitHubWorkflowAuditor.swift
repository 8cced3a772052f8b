import TollgateModel
import Yams

/// Audits one GitHub Actions workflow file (or a composite action's `action.yml`) for the ways CI is
/// attacked: mutable action references, privileged triggers that run pull request code, broad tokens,
/// long-lived cloud keys, unverified tools, template injection, shared caches and artifacts, leftover
/// credentials, self-hosted runners open to forks and releases from any branch.
struct GitHubWorkflowAuditor {
    let source: AuditSource

    /// The findings, in document order.
    func audit() throws(AuditError) -> [AuditFinding] {
        if source.root.child("runs") != nil && source.root.child("jobs") == nil {
            return auditCompositeAction()
        }
        guard source.root.child("jobs") != nil else {
            throw AuditError(.invalidWorkflow, "\(source.file): not a workflow (no 'jobs') nor an action (no 'runs')")
        }
        let workflow = try Workflow(root: source.root, file: source.file)
        var findings: [AuditFinding] = []
        findings += triggerFindings(workflow)
        findings += permissionFindings(workflow)
        findings += credentialFindings(env: workflow.env, job: nil)
        for job in workflow.jobs {
            findings += jobFindings(job, in: workflow)
        }
        return findings
    }

    private func jobFindings(_ job: WorkflowJob, in workflow: Workflow) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        if let uses = job.uses { findings += pinningFindings(uses: uses, job: job.id, isWorkflow: true) }
        findings += imageFindings(job)
        findings += credentialFindings(env: job.env, job: job.id)
        findings += runnerFindings(job, in: workflow)
        findings += releaseFindings(job, in: workflow)
        for step in job.steps {
            if let uses = step.usesNode { findings += pinningFindings(uses: uses, job: job.id, isWorkflow: false) }
            findings += credentialFindings(step: step, job: job.id)
            findings += scriptFindings(step, job: job, workflow: workflow)
            findings += checkoutFindings(step, job: job, in: workflow)
            findings += cacheFindings(step, job: job.id, in: workflow)
            findings += persistCredentialFindings(step, job: job.id)
            findings += artifactFindings(step, job: job.id, in: workflow)
        }
        return findings
    }

    /// A composite action runs its steps in the caller's job: the step rules apply.
    private func auditCompositeAction() -> [AuditFinding] {
        var findings: [AuditFinding] = []
        for stepNode in source.root.child("runs")?.child("steps")?.items ?? [] {
            let step = WorkflowStep(node: stepNode)
            if let uses = step.usesNode { findings += pinningFindings(uses: uses, job: nil, isWorkflow: false) }
            findings += credentialFindings(step: step, job: nil)
            findings += scriptFindings(step, job: nil, workflow: nil)
        }
        return findings
    }
}
