import TollgateModel
import TollgatePolicy
import TollgateStore

/// Judges an artifact's recorded provenance against the policy's trusted builders, workflows and
/// source repositories. Only facts from a trusted source count (a certificate, or a statement by a
/// signer the policy trusted when it was recorded); self-asserted facts are listed, never used.
struct ProvenanceJudge: Sendable {
    let policy: Policy?
    let builders: [GlobPattern]
    let workflows: [GlobPattern]
    let repositories: [GlobPattern]
    /// Whether the policy names anything to judge against.
    let judges: Bool

    init(policy: Policy?) {
        self.policy = policy
        builders = (policy?.build.builders ?? []) + (policy?.artifact.provenance?.builders ?? [])
        workflows = policy?.build.workflows ?? []
        repositories = (policy?.source.repositories ?? []) + (policy?.artifact.provenance?.sourceRepositories ?? [])
        judges = policy != nil && !(builders.isEmpty && workflows.isEmpty && repositories.isEmpty)
    }

    /// Judges every artifact; a value the patterns were already matched against is not matched again
    /// (thousands of artifacts share a handful of builders and workflows).
    func judge(_ digests: [Digest], names: [Digest: String], records: [Digest: [InventoryProvenanceRecord]],
               decisions: [Digest: [InventoryDecisionRecord]]) -> [ProvenanceCheckPart.Artifact] {
        var matched: [String: Bool] = [:]
        return digests.map { digest in
            judge(digest: digest, name: names[digest], records: records[digest] ?? [], decisions: decisions[digest] ?? [], matched: &matched)
        }
    }

    func judge(digest: Digest, name: String?, records: [InventoryProvenanceRecord],
               decisions: [InventoryDecisionRecord], matched: inout [String: Bool]) -> ProvenanceCheckPart.Artifact {
        // Certificate facts first: they win over a statement's claim.
        let trusted = records.filter { $0.source != .selfAsserted }
            .sorted { ($0.source == .certificate ? 0 : 1, $0.time, $0.vouchedBy) < ($1.source == .certificate ? 0 : 1, $1.time, $1.vouchedBy) }
        func first(_ field: InventoryProvenanceField) -> String? { trusted.lazy.compactMap { $0.value(of: field) }.first }
        let builder = first(.builder), workflow = first(.workflow), repository = first(.repository)
        var vouchedBy: [String] = []
        for record in trusted where !vouchedBy.contains("\(record.source.rawValue): \(record.vouchedBy)") {
            vouchedBy.append("\(record.source.rawValue): \(record.vouchedBy)")
        }
        var selfAsserted: [String] = []
        for record in records where record.source == .selfAsserted {
            for field in InventoryProvenanceField.allCases {
                if let value = record.value(of: field) { selfAsserted.append("\(field.rawValue) \(value) (self-asserted by \(record.vouchedBy))") }
            }
        }
        let latest = decisions.max { ($0.time, $0.ledgerIndex ?? 0) < ($1.time, $1.ledgerIndex ?? 0) }
        func check(_ what: String, _ patterns: [GlobPattern], _ value: String?) -> Bool? {
            guard policy != nil, !patterns.isEmpty else { return nil }
            guard let value else { return false }
            if let known = matched[what + " " + value] { return known }
            let result = patterns.contains { $0.matches(value) }
            matched[what + " " + value] = result
            return result
        }
        let builderTrusted = check("builder", builders, builder)
        let workflowTrusted = check("workflow", workflows, workflow)
        let repositoryTrusted = check("repository", repositories, repository)
        var reasons: [String] = []
        let verdict: ProvenanceCheckPart.Verdict
        if trusted.isEmpty {
            verdict = .noTrustedProvenance
            reasons.append(selfAsserted.isEmpty ? "no provenance recorded" : "only self-asserted provenance: nobody the policy trusts vouches for who built it")
        } else if !judges {
            verdict = .notJudged
            reasons.append(policy == nil ? "no --policy given: whether its builder and workflow are trusted was not judged"
                                         : "policy \(policy?.name ?? "") names no trusted builders, workflows or repositories")
        } else {
            let checks: [(String, Bool?, String?, [GlobPattern])] = [("builder", builderTrusted, builder, builders),
                                                                      ("workflow", workflowTrusted, workflow, workflows),
                                                                      ("repository", repositoryTrusted, repository, repositories)]
            for (what, result, value, patterns) in checks where result == false {
                reasons.append(value.map { "\(what) \($0) is not one the policy trusts (\(patterns.map(\.pattern).joined(separator: ", ")))" }
                               ?? "no \(what) recorded; the policy trusts \(patterns.map(\.pattern).joined(separator: ", "))")
            }
            verdict = reasons.isEmpty ? .trusted : .untrusted
        }
        return ProvenanceCheckPart.Artifact(
            digest: digest, name: name, verdict: verdict, builder: builder, workflow: workflow, repository: repository,
            commit: first(.commit), vouchedBy: vouchedBy, builderTrusted: builderTrusted, workflowTrusted: workflowTrusted,
            repositoryTrusted: repositoryTrusted, selfAsserted: selfAsserted, decision: latest?.decision, reasons: reasons)
    }
}
