import TollgateModel

/// Findings from `SourceSettings`: the default branch's protection (reviews, code owners, stale approvals,
/// force pushes, deletion), release tags, the organization's two-factor requirement and the token's default
/// permissions. JSON has no positions Tollgate keeps, so settings findings point at line 1 of the file the
/// fact came from.
struct SettingsAudit {
    let settings: SourceSettings
    let sourceOf: [String: String]
    let notes: [(file: String, message: String)]
    let minimumApprovals: Int

    func findings() -> [AuditFinding] {
        var findings: [AuditFinding] = []
        func add(_ rule: AuditRule, _ severity: Severity, _ group: String, _ message: String, fix: String) {
            let file = sourceOf[group] ?? settings.sources.first ?? "settings"
            findings.append(AuditFinding(rule: rule, severity: severity, file: file, line: 1, column: 1, message: message, fix: fix))
        }
        let branch = settings.defaultBranch.map { "'\($0)'" } ?? "the default branch"
        for note in notes {
            findings.append(AuditFinding(rule: .settingsIncomplete, severity: .medium, file: note.file, line: 1, column: 1,
                                         message: note.message, fix: "export the full ruleset and audit again"))
        }
        if settings.branchProtected == false {
            add(.branchUnprotected, .high, "branch", "\(branch) has no branch protection and no active ruleset: anyone with write access pushes to it directly",
                fix: "add a ruleset on ~DEFAULT_BRANCH requiring pull requests, blocking force pushes and deletion")
        } else if settings.branchProtected == true {
            if let approvals = settings.requiredApprovals, approvals < minimumApprovals {
                add(.reviewsTooFew, approvals == 0 ? .high : .medium, "branch",
                    "\(branch) requires \(approvals) approving review\(approvals == 1 ? "" : "s"); the minimum is \(minimumApprovals)",
                    fix: "set required_approving_review_count to \(minimumApprovals) or more")
            }
            if settings.codeOwnerReview == false {
                add(.codeOwnerReviewOff, .medium, "branch", "\(branch) does not require review from code owners: CODEOWNERS names reviewers nobody has to wait for",
                    fix: "turn on 'Require review from Code Owners' (require_code_owner_review)")
            }
            if settings.dismissStaleApprovals == false {
                add(.staleApprovalsKept, .medium, "branch", "approvals on \(branch) survive new commits: a change pushed after approval merges unreviewed",
                    fix: "turn on 'Dismiss stale pull request approvals when new commits are pushed'")
            }
            if settings.forcePushBlocked == false {
                add(.forcePushAllowed, .high, "branch", "force pushes to \(branch) are allowed: reviewed history can be rewritten",
                    fix: "block force pushes (the non_fast_forward rule)")
            }
            if settings.deletionBlocked == false {
                add(.deletionAllowed, .medium, "branch", "\(branch) can be deleted (and recreated with other history)",
                    fix: "restrict deletions (the deletion rule)")
            }
        }
        if settings.releaseTagsProtected == false {
            add(.releaseTagsUnprotected, .high, "tag", "no active tag ruleset blocks both updating and deleting release tags: a tag can be pointed at other code after its release",
                fix: "add a tag ruleset on refs/tags/v* with the update (or non_fast_forward) and deletion rules")
        }
        if settings.organizationTwoFactorRequired == false {
            add(.orgTwoFactorOff, .high, "organization", "the organization does not require two-factor authentication: one phished password is a maintainer account",
                fix: "require two-factor authentication for all members")
        }
        if settings.defaultWorkflowPermissions == "write" {
            add(.defaultTokenWrite, .medium, "workflow", "GITHUB_TOKEN is read-write by default for every workflow without a 'permissions:' block",
                fix: "set the default workflow permissions to read (Settings → Actions → General)")
        }
        if settings.workflowsCanApprovePullRequests == true {
            add(.defaultTokenWrite, .medium, "workflow", "workflows may approve pull requests: a workflow can satisfy a required review",
                fix: "turn off 'Allow GitHub Actions to create and approve pull requests'")
        }
        return findings
    }
}
