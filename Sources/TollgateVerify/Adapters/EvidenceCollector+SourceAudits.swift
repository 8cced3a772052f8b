import TollgateAudit
import TollgateModel
import TollgatePolicy
import TollgateSigstore

extension EvidenceCollector {
    /// Verifies source-audit attestations (`tollgate audit --attest`): in-toto statements of predicate type
    /// `source-audit/v1` whose subject is a Git commit, in a DSSE envelope signed with a key (`--key`) or in a
    /// Sigstore DSSE bundle (`--keyless`). They go through the same envelope and bundle verification
    /// (`verifyEnvelope`, `verifyBundle`), key registry (`admitRegisteredKeys`) and trust weighing (`weigh`,
    /// against `source.auditors`: keys, or Sigstore identities matched as for every other signer) as every
    /// other statement; only what is particular to an audit is checked here: its predicate, and that its one
    /// subject is the audited commit. Which commit it must be about is the rules' question (the provenance's
    /// source commit).
    func collectSourceAudits(_ inputs: [EvidenceInput], into evidence: inout Evidence) async {
        for input in inputs {
            guard let verified = await verifySourceAudit(input, into: &evidence) else { continue }
            let (statement, payload, signed) = verified
            guard let (commit, predicate) = sourceAudit(statement, input: input, into: &evidence) else { continue }
            let signatures = admitRegisteredKeys(signed, into: &evidence)
            guard !signatures.isEmpty else { continue }
            let weighed = weigh(Statement(statement: statement, kind: .sourceAudit, signatures: signatures, source: input.name, payload: payload),
                                into: &evidence)
            guard let trusted = weighed.1 else { continue }
            evidence.sourceAudits.append(SourceAuditEvidence(commit: commit, predicate: predicate, signedBy: trusted, source: input.name))
        }
    }

    /// Verifies one source audit's signature: a Sigstore DSSE bundle against the commit its statement
    /// claims (`verifyBundle`; the claim is checked again by `sourceAudit`), else a DSSE envelope
    /// (`verifyEnvelope`). Nil, with the problem recorded, when it does not verify.
    func verifySourceAudit(_ input: EvidenceInput,
                           into evidence: inout Evidence) async -> (InTotoStatement, [UInt8], [VerifiedSignature])? {
        guard Self.looksLikeSigstoreBundle(input.bytes) else {
            return verifyEnvelope(input, about: .gitCommit, kind: .sourceAudit, into: &evidence)
        }
        guard let commit = Self.claimedCommit(input.bytes), let target = try? Artifact(gitCommit: commit) else {
            evidence.problems.append(EvidenceProblem(.wrongSubject, input.name,
                "a source audit's subject must be the one audited commit (digest gitCommit)", kind: .sourceAudit))
            return nil
        }
        guard let (statement, payload, signature) = await verifyBundle(input, about: target, kind: .sourceAudit, into: &evidence) else {
            return nil
        }
        return (statement, payload, [signature])
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

    /// The one `gitCommit` subject a DSSE bundle's statement claims, before anything is verified (the
    /// bundle is then verified against it), or nil when it names none or several.
    static func claimedCommit(_ bytes: [UInt8]) -> String? {
        guard let bundle = try? UnverifiedBundle(json: bytes), case .dsseEnvelope(let envelope) = bundle.content,
              let statement = try? InTotoStatement(parsing: envelope.payload) else { return nil }
        let commits = statement.subjects.compactMap { $0.digest["gitCommit"] }
        return commits.count == 1 ? commits[0] : nil
    }
}
