import TollgateModel
import Yams

extension GitHubWorkflowAuditor {
    /// Whether a step restores (and so may save) a GitHub Actions cache: the cache actions, setup
    /// actions with caching turned on (setup-go on by default since v4), and build caches of type gha.
    static func usesCache(_ step: WorkflowStep) -> Bool {
        guard let action = step.action else { return false }
        if action.isAction("actions/cache") && !action.isAction("actions/cache/save") { return true }
        if ["swatinem/rust-cache", "mozilla-actions/sccache-action", "gradle/actions/setup-gradle", "gradle/gradle-build-action"]
            .contains(where: action.isAction) {
            return true
        }
        if let cache = step.input("cache") {
            return !cache.isEmpty && !["false", "no", "off"].contains(cache.lowercased())
        }
        if action.isAction("actions/setup-go"), case .remote(_, let ref) = action.kind, let ref, !ref.hasPrefix("v1"), !ref.hasPrefix("v2"),
           !ref.hasPrefix("v3") {
            return true
        }
        if action.isAction("ruby/setup-ruby"), step.input("bundler-cache")?.lowercased() == "true" { return true }
        if action.isAction("astral-sh/setup-uv"), step.input("enable-cache")?.lowercased() == "true" { return true }
        if action.isAction("docker/build-push-action"), step.input("cache-from")?.contains("type=gha") == true { return true }
        return false
    }

    /// `cache-poisoning`: a release restores a cache that other runs (pull request runs on the default
    /// branch's scope among them) could have written, or a privileged workflow running on an outsider's
    /// event writes the cache releases later read.
    func cacheFindings(_ step: WorkflowStep, job: String, in workflow: Workflow) -> [AuditFinding] {
        guard Self.usesCache(step), let usesNode = step.usesNode else { return [] }
        if workflow.isRelease {
            return [source.finding(.cachePoisoning, .high, at: source.position(of: usesNode), job: job,
                                   "a release run restores a cache that other workflow runs wrote: a poisoned cache entry ends up in the released artifact",
                                   fix: "build releases without caches (cache: false, or drop the cache step) so the artifact comes only from the tagged source")]
        }
        if let event = workflow.triggers.map(\.event).first(where: { Workflow.privilegedUntrustedEvents.contains($0) || $0 == "issue_comment" }) {
            return [source.finding(.cachePoisoning, .high, at: source.position(of: usesNode), job: job,
                                   "'\(event)' runs in the default branch's cache scope for an outsider's event: what it caches, later runs and releases restore",
                                   fix: "do not cache in workflows started by pull_request_target, workflow_run or issue_comment")]
        }
        return []
    }

    /// `persist-credentials`: actions/checkout writes the token into .git/config unless told not to, where
    /// every later step, and any artifact that includes the workspace, can read it (zizmor's "artipacked").
    func persistCredentialFindings(_ step: WorkflowStep, job: String) -> [AuditFinding] {
        guard let action = step.action, action.isAction("actions/checkout"), let usesNode = step.usesNode else { return [] }
        if let persist = step.with?.child("persist-credentials"), persist.isFalse { return [] }
        let explicit = step.with?.child("persist-credentials")
        return [source.finding(.persistCredentials, .medium, at: source.position(of: explicit ?? usesNode), job: job,
                               explicit == nil ? "actions/checkout leaves the job's token in .git/config for every later step and any uploaded workspace"
                                   : "persist-credentials: true keeps the job's token in .git/config for every later step and any uploaded workspace",
                               fix: "set 'with: persist-credentials: false' (and pass a token explicitly to the one step that pushes)")]
    }
}
