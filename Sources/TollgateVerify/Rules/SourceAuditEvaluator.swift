import TollgateAudit
import TollgatePolicy

/// The rules read from a source-audit attestation (`tollgate audit --attest`) about the provenance's
/// source commit, signed by a trusted auditor (`source.auditors`): `source.branchProtection`,
/// `source.workflowOwners`, `build.oidcCredentials`, `build.pinnedActions`, `build.untrustedCodeIsolated`.
/// No trusted provenance naming the commit, no trusted audit, or an audit of another commit: the rule
/// cannot run, and denies.
enum SourceAuditEvaluator {
    /// The trusted audit of the provenance's source commit, or the finding that says why there is none.
    private static func audit(_ rule: RuleID, expected: String, in context: RuleContext) -> (SourceAuditEvidence?, Finding?) {
        guard let commit = context.evidence.build?.sourceCommit?.lowercased(), SourceAuditPredicate.isCommit(commit) else {
            return (nil, context.unavailable(rule, expected: expected, missing: "no trusted provenance names the source commit to look up its audit"))
        }
        if let audit = context.evidence.sourceAudits.first(where: { $0.commit == commit }) { return (audit, nil) }
        let others = context.evidence.sourceAudits.map(\.commit)
        let missing = others.isEmpty
            ? context.missing("no source audit of commit \(commit) from a trusted auditor", .sourceAudit)
            : "no trusted source audit of commit \(commit); the trusted audits are of \(Format.list(others))"
        return (nil, context.unavailable(rule, expected: expected, missing: missing))
    }

    private static func evidence(_ audit: SourceAuditEvidence, _ rules: Set<AuditRule>) -> [String] {
        let findings = audit.predicate.findings.filter { rules.contains($0.rule) }
        return [audit.summary] + findings.prefix(10).map { "\($0.location): \($0.rule.rawValue): \($0.message)" }
            + (findings.count > 10 ? ["… \(findings.count - 10) more"] : [])
    }

    /// `build.pinnedActions`, `build.oidcCredentials`, `build.untrustedCodeIsolated`, `source.workflowOwners`.
    static func fact(_ rule: RuleID, action: RuleAction, in context: RuleContext) -> Finding {
        let (expected, auditRules, value): (String, Set<AuditRule>, (SourceAuditPredicate.Facts) -> Bool?) = switch rule {
        case .buildPinnedActions: ("every action and reusable workflow pinned by commit SHA", [.unpinnedUses], { $0.pinnedActions })
        case .buildOIDCCredentials: ("no long-lived cloud credentials in CI (OIDC federation)", [.staticCloudCredentials], { $0.oidcCredentials })
        case .buildUntrustedCodeIsolated: ("no path from untrusted pull request code to privileged runs, caches or artifacts",
                                           [.untrustedCheckout, .cachePoisoning, .untrustedArtifact, .selfHostedRunner], { $0.untrustedCodeIsolated })
        default: ("every workflow, deployment and policy file owned in CODEOWNERS",
                  [.codeownersMissing, .codeownersUnowned], { $0.workflowOwners })
        }
        let (found, unavailable) = audit(rule, expected: expected, in: context)
        guard let audit = found else { return unavailable! }
        guard let holds = value(audit.predicate.facts) else {
            return context.unavailable(rule, expected: expected,
                                       missing: "the source audit of \(audit.commit) did not see a checkout, so it says nothing about code owners")
        }
        let count = audit.predicate.findings.filter { auditRules.contains($0.rule) }.count
        let actual = holds ? "the source audit of \(audit.commit) found none" : "the source audit of \(audit.commit) found \(count) problem\(count == 1 ? "" : "s")"
        return context.verdict(rule, action: action, passed: holds, reason: holds ? actual : "expected \(expected); \(actual)",
                               expected: expected, actual: actual, evidence: evidence(audit, auditRules))
    }

    /// `source.branchProtection`: the default branch protected, with the reviews the policy asks for.
    static func branchProtection(_ required: BranchProtectionRule, action: RuleAction, in context: RuleContext) -> Finding {
        var wants = ["protected"]
        if let minimum = required.minReviews { wants.append("at least \(minimum) approving review\(minimum == 1 ? "" : "s")") }
        if required.codeOwnerReview == true { wants.append("code owner review") }
        if required.dismissStale == true { wants.append("stale approvals dismissed") }
        let expected = "default branch " + wants.joined(separator: ", ")
        let (found, unavailable) = audit(.sourceBranchProtection, expected: expected, in: context)
        guard let audit = found else { return unavailable! }
        guard let settings = audit.predicate.settings, let protected = settings.branchProtected else {
            return context.unavailable(.sourceBranchProtection, expected: expected,
                                       missing: "the source audit of \(audit.commit) was given no branch protection or rulesets")
        }
        var failures: [String] = []
        if !protected { failures.append("the default branch is not protected") }
        if let minimum = required.minReviews {
            if let approvals = settings.requiredApprovals {
                if approvals < minimum { failures.append("\(approvals) required approvals") }
            } else {
                failures.append("required approvals unknown")
            }
        }
        if required.codeOwnerReview == true, settings.codeOwnerReview != true { failures.append("code owner review not required") }
        if required.dismissStale == true, settings.dismissStaleApprovals != true { failures.append("stale approvals kept") }
        let branch = settings.defaultBranch ?? "default branch"
        let actual = failures.isEmpty
            ? "\(branch) protected, \(settings.requiredApprovals.map(String.init) ?? "?") approvals, code owner review \(settings.codeOwnerReview == true ? "on" : "off"), stale approvals \(settings.dismissStaleApprovals == true ? "dismissed" : "kept")"
            : "\(branch): " + failures.joined(separator: "; ")
        return context.verdict(.sourceBranchProtection, action: action, passed: failures.isEmpty,
                               reason: failures.isEmpty ? actual : "expected \(expected); found \(actual)",
                               expected: expected, actual: actual,
                               evidence: [audit.summary, "settings from \(Format.list(settings.sources))"])
    }
}
