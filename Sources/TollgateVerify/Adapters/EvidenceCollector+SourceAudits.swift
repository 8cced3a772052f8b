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
            let verified: (InTotoStatement, [UInt8], [VerifiedSignature])
            if Self.looksLikeSigstoreBundle(input.bytes) {
                // The bundle is verified against the commit its statement claims; the claim is checked again below.
                guard let commit = Self.claimedCommit(input.bytes), let target = try? Artifact(gitCommit: commit) else {
                    evidence.problems.append(EvidenceProblem(.wrongSubject, input.name,
                        "a source audit's subject must be the one audited commit (digest gitCommit)", kind: .sourceAudit))
                    continue
                }
                guard let (statement, payload, signature) = await verifyBundle(input, about: target, kind: .sourceAudit, into: &evidence) else {
                    continue
                }
                verified = (statement, payload, [signature])
            } else {
                guard let envelope = verifyEnvelope(input, about: .gitCommit, kind: .sourceAudit, into: &evidence) else { continue }
                verified = envelope
            }
            let (statement, payload, signed) = verified
            let predicate: SourceAuditPredicate
            do {
                predicate = try SourceAuditPredicate(statement: statement)
            } catch {
                evidence.problems.append(EvidenceProblem(.unreadable, input.name, error.reason, kind: .sourceAudit))
                continue
            }
            let commits = statement.subjects.compactMap { $0.digest["gitCommit"]?.lowercased() }
            guard let commit = commits.first, commits.count == 1, commit == predicate.commit.lowercased() else {
                evidence.problems.append(EvidenceProblem(.wrongSubject, input.name,
                    "a source audit's subject must be the one audited commit (digest gitCommit), matching its predicate", kind: .sourceAudit))
                continue
            }
            let signatures = admitRegisteredKeys(signed, into: &evidence)
            guard !signatures.isEmpty else { continue }
            let weighed = weigh(Statement(statement: statement, kind: .sourceAudit, signatures: signatures, source: input.name, payload: payload),
                                into: &evidence)
            guard let trusted = weighed.1 else { continue }
            evidence.sourceAudits.append(SourceAuditEvidence(commit: commit, predicate: predicate, signedBy: trusted, source: input.name))
        }
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
