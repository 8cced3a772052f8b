import TollgateModel
import Yams

extension GitHubWorkflowAuditor {
    /// Expressions and commands that name the pull request's own code (its head, its merge ref).
    static let pullRequestHeadMarkers = [
        "github.event.pull_request.head", "github.head_ref", "github.event.workflow_run.head", "refs/pull/",
        "github.event.pull_request.merge_commit_sha", "pull/${{", "gh pr checkout", "github.event.issue.pull_request",
    ]

    /// `dangerous-trigger` (pedantic): the trigger alone is not the bug, running the PR's code under it is.
    func triggerFindings(_ workflow: Workflow) -> [AuditFinding] {
        let privileged = workflow.triggers.filter { Workflow.privilegedUntrustedEvents.contains($0.event) }
        var findings = privileged.map { trigger in
            source.finding(.dangerousTrigger, .low, at: source.position(of: trigger.keyNode),
                           "'\(trigger.event)' runs with the base repository's secrets and a write token, whoever opened the pull request or wrote the comment",
                           fix: "use 'pull_request' unless the job needs secrets; never check out or run the pull request's code in this workflow")
        }
        // `cache-mode: write` lets these runs save caches in the default branch's scope.
        if let event = privileged.first?.event, let mode = workflow.root.child("cache-mode"), mode.text == "write" {
            findings.append(source.finding(.cachePoisoning, .high, at: source.position(of: mode),
                                           "'cache-mode: write' under '\(event)' lets an outsider's event write caches that later runs and releases restore",
                                           fix: "remove 'cache-mode: write' (or set it to read) in workflows started by pull_request_target, workflow_run or issue_comment"))
        }
        return findings
    }

    /// `untrusted-checkout`: under `pull_request_target` or `workflow_run`, a step fetches the pull
    /// request's head and so runs an outsider's build scripts with the base repository's secrets.
    func checkoutFindings(_ step: WorkflowStep, job: WorkflowJob, in workflow: Workflow) -> [AuditFinding] {
        let privileged = workflow.triggers.map(\.event).filter { Workflow.privilegedUntrustedEvents.contains($0) }
        guard let event = privileged.first else { return [] }
        var evidence: Node?
        if let action = step.action, action.isAction("actions/checkout") {
            for key in ["ref", "repository"] {
                if let value = step.with?.child(key), let text = value.text,
                   Self.pullRequestHeadMarkers.contains(where: { text.contains($0) }) {
                    evidence = value
                }
            }
        } else if let run = step.runNode, let script = run.text {
            let fetches = ["git fetch", "git checkout", "git merge", "git pull", "gh pr checkout", "git clone"].contains { script.contains($0) }
            let names = taintedNames(job: job, step: step, workflow: workflow)
            let headRef = Self.pullRequestHeadMarkers.contains { script.contains($0) } || script.contains("pull/")
                || names.contains { script.contains("$" + $0) || script.contains("${" + $0) }
            if fetches && headRef { evidence = run }
        }
        guard let evidence else { return [] }
        return [source.finding(.untrustedCheckout, .critical, at: source.position(of: evidence), job: job.id,
                               "the '\(event)' workflow checks out the pull request's head: an outsider's code then runs with this repository's secrets and write token",
                               fix: "build untrusted code in a 'pull_request' workflow without secrets; pass results to a privileged workflow only as data (an artifact it validates)")]
    }

    /// Environment variables set from the pull request's head ref or SHA.
    private func taintedNames(job: WorkflowJob, step: WorkflowStep, workflow: Workflow) -> [String] {
        [workflow.env, job.env, step.env].compactMap { $0 }.flatMap { env in
            env.entries.filter { entry in Self.pullRequestHeadMarkers.contains { entry.value.text?.contains($0) == true } }.map(\.key)
        }
    }

    /// `untrusted-artifact`: a privileged run (`workflow_run`, or a release) downloads artifacts another
    /// run uploaded, which a pull request's code may have written.
    func artifactFindings(_ step: WorkflowStep, job: String, in workflow: Workflow) -> [AuditFinding] {
        guard let action = step.action, let usesNode = step.usesNode else { return [] }
        let crossRun = action.isAction("dawidd6/action-download-artifact")
            || action.isAction("actions/download-artifact") && (step.input("run-id") != nil || step.input("github-token") != nil)
        guard crossRun, workflow.has("workflow_run") || workflow.has("pull_request_target") || workflow.isRelease else { return [] }
        return [source.finding(.untrustedArtifact, .high, at: source.position(of: usesNode), job: job,
                               "artifacts from another workflow run are downloaded into a privileged job; a pull request's build may have written them",
                               fix: "treat the artifact as untrusted data: extract it outside the workspace, validate it, never execute it, and check which run produced it")]
    }

    /// `self-hosted-runner`: a persistent machine that fork pull requests can run code on.
    func runnerFindings(_ job: WorkflowJob, in workflow: Workflow) -> [AuditFinding] {
        guard job.runnerLabels.contains(where: { $0.lowercased() == "self-hosted" }),
              let event = workflow.triggers.map(\.event).first(where: { Workflow.pullRequestEvents.contains($0) }),
              let runsOn = job.node.child("runs-on") else { return [] }
        return [source.finding(.selfHostedRunner, .high, at: source.position(of: runsOn), job: job.id,
                               "job '\(job.id)' runs on a self-hosted runner and the workflow runs on '\(event)': a fork's pull request can run code on that machine and persist there",
                               fix: "run pull request jobs on GitHub-hosted or ephemeral runners, or require approval for all outside collaborators and restrict the runner group to this workflow")]
    }

    /// Steps that publish: a job with one is a release job.
    static let publishMarkers = [
        "pypa/gh-action-pypi-publish", "softprops/action-gh-release", "ncipollo/release-action", "goreleaser/goreleaser-action",
        "js-devtools/npm-publish", "actions/create-release", "npm publish", "twine upload", "cargo publish", "gh release create",
        "docker push", "gem push", "mvn deploy", "gradle publish", "poetry publish", "uv publish", "dotnet nuget push", "helm push",
        "package-registry publish", "flit publish", "hatch publish", "pnpm publish", "yarn publish", "crane push", "oras push",
    ]

    /// Whether a job publishes something.
    static func publishes(_ job: WorkflowJob) -> Bool {
        job.steps.contains { step in
            let text = step.searchText
            if publishMarkers.contains(where: { text.contains($0) }) { return true }
            return step.action?.isAction("docker/build-push-action") == true && step.input("push")?.lowercased() == "true"
        }
    }

    /// `release-unprotected-branch`: a publishing job that any branch can start (an unfiltered push,
    /// a wildcard branch filter, or a manual dispatch), with no ref check and no deployment environment.
    func releaseFindings(_ job: WorkflowJob, in workflow: Workflow) -> [AuditFinding] {
        guard Self.publishes(job) else { return [] }
        if let condition = job.condition, condition.contains("github.ref") || condition.contains("refs/tags")
            || condition.contains("github.event_name") || condition.contains("release") {
            return []
        }
        if job.environment != nil { return [] }
        var open: [String] = []
        for trigger in workflow.triggers {
            switch trigger.event {
            case "push":
                let config = trigger.config
                let branches = config?.child("branches")?.texts
                let tagsOnly = config?.child("tags") != nil && branches == nil && config?.child("branches-ignore") == nil
                if tagsOnly { continue }
                if let branches, !branches.contains(where: { $0.contains("*") }) { continue }
                open.append(branches == nil ? "push to any branch" : "push to branches matching \(branches!.joined(separator: ", "))")
            case "workflow_dispatch":
                open.append("workflow_dispatch (any branch)")
            case "pull_request", "pull_request_target":
                open.append(trigger.event)
            default:
                continue
            }
        }
        guard !open.isEmpty else { return [] }
        return [source.finding(.releaseUnprotectedBranch, .medium, at: source.position(of: job.keyNode), job: job.id,
                               "job '\(job.id)' publishes, and \(open.joined(separator: " or ")) can start it: a branch nobody reviewed can ship",
                               fix: "trigger releases on tags (push: tags: ['v*']) protected by a ruleset, or guard the job with if: startsWith(github.ref, 'refs/tags/') and a deployment environment restricted to protected branches")]
    }
}
