import TollgateModel
import TollgateRebuild

extension EvidenceCollector {
    /// Rebuild attestations from trusted rebuilders (already weighed): each must be about this
    /// artifact's digest and readable; one statement is one rebuild by its first trusted signer.
    func acceptRebuilds(_ candidates: [(Statement, [Signer])], artifact: ArtifactSubject, into evidence: inout Evidence) {
        for (statement, trusted) in candidates {
            do {
                let predicate = try RebuildPredicate(json: statement.statement.predicate)
                guard predicate.release == artifact.digest else {
                    evidence.problems.append(EvidenceProblem(.unreadable, statement.source,
                        "the rebuild attestation compares release \(predicate.release), not this artifact (\(artifact.digest))", kind: .rebuild))
                    continue
                }
                evidence.rebuilds.append(RebuildEvidence(
                    rebuilder: vouching(statement, trusted).signer, rebuilderID: predicate.rebuilder, match: predicate.match,
                    rebuilt: predicate.rebuilt, summary: predicate.summary,
                    differences: predicate.differences.map { "\($0.path) [\($0.classes.map(\.rawValue).joined(separator: ", "))]" },
                    sourceCommit: predicate.inputs.sourceCommit, source: statement.source, statement: statement.payload))
            } catch {
                evidence.problems.append(EvidenceProblem(.unreadable, statement.source,
                    "the rebuild attestation is not readable: \(error.reason)", kind: .rebuild))
            }
        }
    }
}
