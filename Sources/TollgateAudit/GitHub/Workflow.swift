import Yams

/// A GitHub Actions workflow as the rules read it: its triggers, top-level permissions and env, and jobs,
/// each keeping the YAML nodes it came from so findings carry positions
/// (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions).
struct Workflow {
    struct Trigger {
        let event: String
        let keyNode: Node
        let config: Node?
    }

    let root: Node
    let triggers: [Trigger]
    let permissions: Node?
    let permissionsKey: Node?
    let env: Node?
    let jobs: [WorkflowJob]

    init(root: Node, file: String) throws(AuditError) {
        guard case .mapping = root else {
            throw AuditError(.invalidWorkflow, "\(file): a workflow is a YAML mapping with 'on' and 'jobs'")
        }
        self.root = root
        var triggers: [Trigger] = []
        if let on = root.child("on") {
            if let event = on.text {
                triggers.append(Trigger(event: event, keyNode: on, config: nil))
            } else if case .sequence = on {
                triggers = on.items.compactMap { item in item.text.map { Trigger(event: $0, keyNode: item, config: nil) } }
            } else {
                triggers = on.entries.map { Trigger(event: $0.key, keyNode: $0.keyNode, config: $0.value) }
            }
        }
        self.triggers = triggers
        permissions = root.child("permissions")
        permissionsKey = root.keyNode("permissions")
        env = root.child("env")
        jobs = (root.child("jobs")?.entries ?? []).map { WorkflowJob(id: $0.key, keyNode: $0.keyNode, node: $0.value) }
    }

    func has(_ event: String) -> Bool { triggers.contains { $0.event == event } }

    func trigger(_ event: String) -> Trigger? { triggers.first { $0.event == event } }

    /// Events whose runs fork pull requests can start.
    static let pullRequestEvents: Set<String> = [
        "pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment", "workflow_run",
        "issue_comment",
    ]

    /// Events that run with the base repository's secrets and a write token although an outsider started them
    /// (a pull request, a run of one, a comment on one).
    static let privilegedUntrustedEvents: Set<String> = ["pull_request_target", "workflow_run", "issue_comment"]

    /// A release workflow: started by a tag push or a published release, the runs whose output ships.
    var isRelease: Bool {
        if has("release") { return true }
        if let push = trigger("push"), let config = push.config, config.child("tags") != nil, config.child("branches") == nil {
            return true
        }
        return false
    }

    /// Only `workflow_call`: a reusable workflow whose caller sets the token's permissions.
    var isReusableOnly: Bool { !triggers.isEmpty && triggers.allSatisfy { $0.event == "workflow_call" } }
}
