import Yams

/// One step: `uses:` an action with `with:` inputs, or `run:` a script.
struct WorkflowStep {
    let node: Node

    var usesNode: Node? { node.child("uses") }
    var action: ActionReference? { usesNode?.text.map(ActionReference.init) }
    var runNode: Node? { node.child("run") }
    var with: Node? { node.child("with") }
    var env: Node? { node.child("env") }

    /// An input of `with:`, as text.
    func input(_ name: String) -> String? { with?.child(name)?.text }

    /// The step's own text, lowercased, for "does this job do X" questions: its action, inputs and script.
    var searchText: String {
        var parts: [String] = []
        if let uses = usesNode?.text { parts.append(uses) }
        if let run = runNode?.text { parts.append(run) }
        for (key, _, value) in with?.entries ?? [] { parts.append("\(key): \(value.text ?? "")") }
        return parts.joined(separator: "\n").lowercased()
    }
}
