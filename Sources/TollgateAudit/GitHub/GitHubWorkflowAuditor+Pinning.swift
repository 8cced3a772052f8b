import TollgateModel
import Yams

extension GitHubWorkflowAuditor {
    /// `unpinned-uses`: a tag or branch can be moved to other code by whoever controls the action's
    /// repository (tj-actions/changed-files, March 2025); a full commit SHA cannot.
    func pinningFindings(uses node: Node, job: String?, isWorkflow: Bool) -> [AuditFinding] {
        guard let raw = node.text else { return [] }
        let what = isWorkflow ? "reusable workflow" : "action"
        let reference = ActionReference(raw)
        let position = source.position(of: node)
        let fix = "pin to a full 40-character commit SHA and keep the tag as a comment: uses: \(reference.name ?? raw)@<sha> # vX.Y.Z"
        if raw.contains("${{") {
            return [source.finding(.unpinnedUses, .high, at: position, job: job,
                                   "\(what) '\(raw)' is chosen by an expression at run time", fix: "name a fixed action pinned by commit SHA")]
        }
        switch reference.kind {
        case .local:
            return []
        case .docker(let image):
            guard !image.contains("@sha256:") else { return [] }
            return [source.finding(.unpinnedUses, .medium, at: position, job: job,
                                   "Docker action '\(raw)' is not pinned by digest: the tag can be pushed over",
                                   fix: "pin the image by digest: docker://\(image.split(separator: ":").first ?? "")@sha256:<digest>")]
        case .remote(let name, let ref):
            guard let ref else {
                return [source.finding(.unpinnedUses, .high, at: position, job: job,
                                       "\(what) '\(name)' has no ref: it runs whatever the default branch holds", fix: fix)]
            }
            guard !ActionReference.isCommitSHA(ref) else { return [] }
            return [source.finding(.unpinnedUses, .medium, at: position, job: job,
                                   "\(what) '\(name)' is pinned to '\(ref)', a tag or branch its owner can move to other code", fix: fix)]
        }
    }

    /// `unpinned-image`: a job `container:` or `services:` image without a digest (pedantic).
    func imageFindings(_ job: WorkflowJob) -> [AuditFinding] {
        var nodes: [Node] = []
        if let container = job.node.child("container") { nodes.append(container.child("image") ?? container) }
        for (_, _, service) in job.node.child("services")?.entries ?? [] { nodes.append(service.child("image") ?? service) }
        return nodes.compactMap { node in
            guard let image = node.text, !image.isEmpty, !image.contains("@sha256:"), !image.contains("${{") else { return nil }
            return source.finding(.unpinnedImage, .low, at: source.position(of: node), job: job.id,
                                  "container image '\(image)' is not pinned by digest", fix: "pin it: \(image.split(separator: ":").first ?? "")@sha256:<digest>")
        }
    }
}
