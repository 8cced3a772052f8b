import TollgateAudit
import TollgateModel
import TollgatePolicy

extension EvidenceCollector {
    /// Verifies source-audit attestations (`tollgate audit --attest`): DSSE envelopes signed with one of
    /// `keys`, holding an in-toto statement of predicate type `source-audit/v1` whose subject is a Git
    /// commit. Only those signed by a trusted auditor (`source.auditors`) become evidence; the others are
    /// problems. Which commit they must be about is the rules' question (the provenance's source commit).
    func collectSourceAudits(_ inputs: [EvidenceInput], into evidence: inout Evidence) {
        for input in inputs {
            let envelope: DSSEEnvelope
            do {
                envelope = try DSSEEnvelope(parsing: input.bytes)
            } catch {
                evidence.problems.append(EvidenceProblem(.unreadable, input.name, "not a DSSE envelope: \(error.reason)", kind: .sourceAudit))
                continue
            }
            guard !keys.isEmpty else {
                evidence.problems.append(EvidenceProblem(.unverified, input.name, "no --key to verify the source audit with", kind: .sourceAudit))
                continue
            }
            let verdict: DSSEVerdict
            do {
                verdict = try DSSEVerifier(keys: keys, threshold: 1, policy: algorithmPolicy)
                    .verify(envelope, expectedPayloadType: DSSE.inTotoPayloadType)
            } catch {
                evidence.problems.append(EvidenceProblem(.unverified, input.name, error.reason, kind: .sourceAudit))
                continue
            }
            guard case .verified(let payload) = verdict else {
                evidence.problems.append(EvidenceProblem(.unverified, input.name,
                    "source audit not verified: \(verdict.reasons.joined(separator: "; "))", kind: .sourceAudit))
                continue
            }
            let statement: InTotoStatement
            let predicate: SourceAuditPredicate
            do {
                statement = try InTotoStatement(parsing: payload.payload)
                predicate = try SourceAuditPredicate(statement: statement)
            } catch let error as any TollgateError {
                evidence.problems.append(EvidenceProblem(.unreadable, input.name, error.reason, kind: .sourceAudit))
                continue
            } catch {
                continue
            }
            let commits = statement.subjects.compactMap { $0.digest["gitCommit"]?.lowercased() }
            guard let commit = commits.first, commits.count == 1, commit == predicate.commit.lowercased() else {
                evidence.problems.append(EvidenceProblem(.wrongSubject, input.name,
                    "a source audit's subject must be the one audited commit (digest gitCommit), matching its predicate", kind: .sourceAudit))
                continue
            }
            // Registered keys count only inside their validity, as for every other statement.
            let signatures = admitRegisteredKeys(keys.filter { payload.keyIDs.contains($0.keyID) }
                .map { Self.signature(key: $0, source: input.name, signedAt: nil) }, into: &evidence)
            let signers = policy.signers(for: .sourceAudit)
            let trusted = signers.trustedSigners(among: signatures)
            for signature in signatures {
                evidence.attestations.append(VerifiedAttestation(predicateType: statement.predicateType, signature: signature,
                                                                 trusted: trusted.contains(signature.signer)))
            }
            guard !trusted.isEmpty, trusted.count >= signers.threshold else {
                let who = Format.list(signatures.map(\.signer.description))
                evidence.problems.append(EvidenceProblem(.untrustedSigner, input.name,
                    "source audit signed by \(who), who is not a trusted auditor (source.auditors: \(signers.summary))", kind: .sourceAudit))
                continue
            }
            evidence.sourceAudits.append(SourceAuditEvidence(commit: commit, predicate: predicate, signedBy: trusted, source: input.name))
        }
    }
}
