import TollgateModel

/// One check of `tollgate audit`. The raw value is the rule id printed in every report (text, JSON,
/// SARIF `ruleId`) and documented in docs/audit.md, with its zizmor equivalent where one exists.
public enum AuditRule: String, Sendable, Codable, CaseIterable, Comparable {
    case unpinnedUses = "unpinned-uses"
    case unpinnedImage = "unpinned-image"
    case unpinnedInclude = "unpinned-include"
    case dangerousTrigger = "dangerous-trigger"
    case untrustedCheckout = "untrusted-checkout"
    case permissionsMissing = "permissions-missing"
    case permissionsWriteAll = "permissions-write-all"
    case permissionsReadAll = "permissions-read-all"
    case permissionsUnneededWrite = "permissions-unneeded-write"
    case staticCloudCredentials = "static-cloud-credentials"
    case curlPipeShell = "curl-pipe-shell"
    case unverifiedDownload = "unverified-download"
    case unpinnedPackageInstall = "unpinned-package-install"
    case templateInjection = "template-injection"
    case cachePoisoning = "cache-poisoning"
    case untrustedArtifact = "untrusted-artifact"
    case persistCredentials = "persist-credentials"
    case selfHostedRunner = "self-hosted-runner"
    case releaseUnprotectedBranch = "release-unprotected-branch"
    case codeownersMissing = "codeowners-missing"
    case codeownersUnowned = "codeowners-unowned"
    case codeownersInvalid = "codeowners-invalid"
    case branchUnprotected = "branch-unprotected"
    case reviewsTooFew = "reviews-too-few"
    case codeOwnerReviewOff = "code-owner-review-off"
    case staleApprovalsKept = "stale-approvals-kept"
    case forcePushAllowed = "force-push-allowed"
    case deletionAllowed = "deletion-allowed"
    case releaseTagsUnprotected = "release-tags-unprotected"
    case orgTwoFactorOff = "org-2fa-off"
    case defaultTokenWrite = "default-token-write"
    case settingsIncomplete = "settings-incomplete"
    case commitUnsigned = "commit-unsigned"
    case commitSignatureInvalid = "commit-signature-invalid"
    case tagUnsigned = "tag-unsigned"
    case tagSignatureInvalid = "tag-signature-invalid"

    public static func < (a: AuditRule, b: AuditRule) -> Bool { a.rawValue < b.rawValue }

    /// A one-line description, for SARIF `shortDescription` and docs.
    public var title: String {
        switch self {
        case .unpinnedUses: "Action or reusable workflow not pinned by full commit SHA"
        case .unpinnedImage: "Container image not pinned by digest"
        case .unpinnedInclude: "GitLab CI include not pinned to a commit"
        case .dangerousTrigger: "Workflow runs on pull_request_target or workflow_run"
        case .untrustedCheckout: "Privileged workflow checks out or runs pull request code"
        case .permissionsMissing: "GITHUB_TOKEN permissions not set (repository default applies)"
        case .permissionsWriteAll: "GITHUB_TOKEN granted write-all"
        case .permissionsReadAll: "GITHUB_TOKEN granted read-all"
        case .permissionsUnneededWrite: "Write scope the job does not use"
        case .staticCloudCredentials: "Long-lived cloud credentials where OIDC federation is available"
        case .curlPipeShell: "Remote script piped into a shell"
        case .unverifiedDownload: "Tool downloaded and run without a checksum or signature check"
        case .unpinnedPackageInstall: "Package installed without a pinned version"
        case .templateInjection: "Expression expanded into a shell script (template injection)"
        case .cachePoisoning: "Cache shared between untrusted code and a release"
        case .untrustedArtifact: "Artifact from an untrusted run used by a privileged job"
        case .persistCredentials: "actions/checkout leaves the token in .git/config"
        case .selfHostedRunner: "Self-hosted runner reachable from fork pull requests"
        case .releaseUnprotectedBranch: "Release job can run from any branch"
        case .codeownersMissing: "No CODEOWNERS file"
        case .codeownersUnowned: "Workflow, deployment or policy file without a code owner"
        case .codeownersInvalid: "CODEOWNERS line GitHub skips"
        case .branchUnprotected: "Default branch not protected"
        case .reviewsTooFew: "Fewer required approvals than the minimum"
        case .codeOwnerReviewOff: "Code owner review not required"
        case .staleApprovalsKept: "Approvals survive new pushes"
        case .forcePushAllowed: "Force pushes allowed on the default branch"
        case .deletionAllowed: "Default branch can be deleted"
        case .releaseTagsUnprotected: "Release tags can be moved or deleted"
        case .orgTwoFactorOff: "Organization does not require two-factor authentication"
        case .defaultTokenWrite: "GITHUB_TOKEN is read-write by default, or may approve pull requests"
        case .settingsIncomplete: "Exported settings do not say"
        case .commitUnsigned: "Audited commit not signed by an allowed signer"
        case .commitSignatureInvalid: "Audited commit's signature does not verify"
        case .tagUnsigned: "Release tag not signed by an allowed signer"
        case .tagSignatureInvalid: "Release tag's signature does not verify"
        }
    }

    /// The zizmor audit that looks for the same problem, if any (docs/audit.md compares them).
    public var zizmorEquivalent: String? {
        switch self {
        case .unpinnedUses: "unpinned-uses"
        case .unpinnedImage: "unpinned-images"
        case .unpinnedInclude: nil
        case .dangerousTrigger, .untrustedCheckout: "dangerous-triggers"
        case .permissionsMissing, .permissionsWriteAll, .permissionsReadAll, .permissionsUnneededWrite: "excessive-permissions"
        case .staticCloudCredentials: nil
        case .curlPipeShell, .unverifiedDownload: nil
        case .unpinnedPackageInstall: nil
        case .templateInjection: "template-injection"
        case .cachePoisoning: "cache-poisoning"
        case .untrustedArtifact: "artifact-poisoning"
        case .persistCredentials: "artipacked"
        case .selfHostedRunner: "self-hosted-runner"
        case .releaseUnprotectedBranch: nil
        case .codeownersMissing, .codeownersUnowned, .codeownersInvalid: nil
        case .branchUnprotected, .reviewsTooFew, .codeOwnerReviewOff, .staleApprovalsKept, .forcePushAllowed, .deletionAllowed,
             .releaseTagsUnprotected, .orgTwoFactorOff, .defaultTokenWrite, .settingsIncomplete,
             .commitUnsigned, .commitSignatureInvalid, .tagUnsigned, .tagSignatureInvalid: nil
        }
    }
}
