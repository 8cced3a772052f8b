import Yams

/// One job of a workflow: steps, or a job-level `uses:` calling a reusable workflow.
struct WorkflowJob {
    let id: String
    let keyNode: Node
    let node: Node
    let steps: [WorkflowStep]

    init(id: String, keyNode: Node, node: Node) {
        self.id = id
        self.keyNode = keyNode
        self.node = node
        steps = (node.child("steps")?.items ?? []).map(WorkflowStep.init)
    }

    var uses: Node? { node.child("uses") }
    var permissions: Node? { node.child("permissions") }
    var env: Node? { node.child("env") }
    var condition: String? { node.child("if")?.text }
    var environment: Node? { node.child("environment") }

    /// The runner labels of `runs-on` (a label, a list, or `{group, labels}`).
    var runnerLabels: [String] {
        guard let runsOn = node.child("runs-on") else { return [] }
        if let labels = runsOn.child("labels") { return labels.texts }
        return runsOn.texts
    }
}
