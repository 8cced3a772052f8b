import TollgateAudit
import TollgateModel
import TollgatePolicy

extension EvidenceCollector {
    /// Verifies source-audit attestations (`tollgate audit --attest`): DSSE envelopes holding an in-toto
    /// statement of predicate type `source-audit/v1` whose subject is a Git commit. They go through the
    /// same envelope verification (`verifyEnvelope`), key registry (`admitRegisteredKeys`) and trust
    /// weighing (`weigh`, against `source.auditors`) as every other statement; only what is particular to
    /// an audit is checked here: its predicate, and that its one subject is the audited commit. Which
    /// commit it must be about is the rules' question (the provenance's source commit).
    func collectSourceAudits(_ inputs: [EvidenceInput], into evidence: inout Evidence) {
        for input in inputs {
            guard let (statement, payload, verified) = verifyEnvelope(input, about: .gitCommit, kind: .sourceAudit, into: &evidence) else {
                continue
            }
            guard let (commit, predicate) = sourceAudit(statement, input: input, into: &evidence) else { continue }
            let signatures = admitRegisteredKeys(verified, into: &evidence)
            guard !signatures.isEmpty else { continue }
            let weighed = weigh(Statement(statement: statement, kind: .sourceAudit, signatures: signatures, source: input.name, payload: payload),
                                into: &evidence)
            guard let trusted = weighed.1 else { continue }
            evidence.sourceAudits.append(SourceAuditEvidence(commit: commit, predicate: predicate, signedBy: trusted, source: input.name))
        }
    }

    /// What is particular to an audit, once its envelope verified: its predicate parses, and its one
    /// `gitCommit` subject is the predicate's commit. Nil (with the problem recorded) otherwise.
    func sourceAudit(_ statement: InTotoStatement, input: EvidenceInput,
                     into evidence: inout Evidence) -> (commit: String, predicate: SourceAuditPredicate)? {
        let predicate: SourceAuditPredicate
        do {
            predicate = try SourceAuditPredicate(statement: statement)
        } catch {
            evidence.problems.append(EvidenceProblem(.unreadable, input.name, error.reason, kind: .sourceAudit))
            return nil
        }
        let commits = statement.subjects.compactMap { $0.digest["gitCommit"]?.lowercased() }
        guard let commit = commits.first, commits.count == 1, commit == predicate.commit.lowercased() else {
            evidence.problems.append(EvidenceProblem(.wrongSubject, input.name,
                "a source audit's subject must be the one audited commit (digest gitCommit), matching its predicate", kind: .sourceAudit))
            return nil
        }
        return (commit, predicate)
    }
}
