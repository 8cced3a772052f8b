import TollgateAudit

extension ReleaseReview {
    /// The trusted source audit of the provenance's source commit, if one was given.
    static func sourceAudit(_ evidence: Evidence) -> SourceAuditEvidence? {
        guard let commit = evidence.build?.sourceCommit?.lowercased() else { return nil }
        return evidence.sourceAudits.first { $0.commit == commit }
    }

    /// Answers the credentials, untrusted-code and tag questions from a trusted source audit where the
    /// artifact's own evidence left them unknown, or says no (yes, for the risks) when the audit found
    /// the problem; without an audit the item is unchanged.
    static func withSourceAudit(_ item: ReviewItem, _ evidence: Evidence) -> ReviewItem {
        guard let audit = sourceAudit(evidence) else { return item }
        let facts = audit.predicate.facts
        func lines(_ rules: Set<AuditRule>) -> [String] {
            [audit.summary] + audit.predicate.findings.filter { rules.contains($0.rule) }.prefix(5).map { "\($0.location): \($0.message)" }
        }
        switch item.id {
        case "credentials":
            if !facts.oidcCredentials {
                return ReviewItem(id: item.id, question: item.question, answer: .no, good: false,
                                  evidence: item.evidence + lines([.staticCloudCredentials]) + ["the release workflows hold long-lived cloud keys"])
            }
            guard item.answer == .unknown else { return item }
            return ReviewItem(id: item.id, question: item.question, answer: .yes, good: true,
                              evidence: item.evidence + [audit.summary, "no long-lived cloud keys in the workflows of the source commit"])
        case "untrusted-code":
            let rules: Set<AuditRule> = [.untrustedCheckout, .cachePoisoning, .untrustedArtifact, .selfHostedRunner]
            if !facts.untrustedCodeIsolated {
                return ReviewItem(id: item.id, question: item.question, answer: .yes, good: false, evidence: item.evidence + lines(rules))
            }
            guard item.answer == .unknown else { return item }
            return ReviewItem(id: item.id, question: item.question, answer: .no, good: true,
                              evidence: item.evidence + [audit.summary, "no checkout of pull request code in privileged workflows, no shared caches or artifacts with releases, no self-hosted runners open to forks"])
        case "tag-overwrite":
            guard item.answer == .unknown, let protected = audit.predicate.settings?.releaseTagsProtected else { return item }
            return ReviewItem(id: item.id, question: item.question, answer: protected ? .no : .yes, good: protected,
                              evidence: item.evidence + [audit.summary, protected
                                  ? "an active tag ruleset blocks updating and deleting release tags"
                                  : "no active tag ruleset blocks updating and deleting release tags"])
        default:
            return item
        }
    }
}
