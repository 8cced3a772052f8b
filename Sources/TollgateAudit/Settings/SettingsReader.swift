import Foundation
import TollgateModel
import TollgatePolicy

/// Reads settings exported with the GitHub REST API (`gh api …`) and derives `SourceSettings`:
/// - `repos/O/R` (`default_branch`),
/// - `repos/O/R/branches/B/protection` (classic branch protection; the GET shape with `{enabled}` objects,
///   or the PUT body shape with booleans),
/// - `repos/O/R/rulesets/ID` (one ruleset with `conditions` and `rules`; the list endpoint omits rules),
/// - `repos/O/R/rules/branches/B` (the active rules for a branch),
/// - `orgs/O` (`two_factor_requirement_enabled`),
/// - `repos/O/R/actions/permissions/workflow` or `orgs/O/actions/permissions/workflow`.
/// Each file is told apart by its shape (https://docs.github.com/en/rest).
struct SettingsReader {
    static let maxBytes = 4 << 20

    private(set) var settings = SourceSettings()
    private(set) var notes: [(file: String, message: String)] = []
    private var protections: [(file: String, branch: String?, value: JSONValue)] = []
    private var rulesets: [(file: String, value: JSONValue)] = []
    private var branchRules: [(file: String, value: JSONValue)] = []
    /// The file each group of facts came from (`branch`, `tag`, `organization`, `workflow`), for findings.
    private(set) var sourceOf: [String: String] = [:]

    mutating func read(file: String, bytes: [UInt8]) throws(AuditError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, maxBytes: Self.maxBytes)
        } catch {
            throw AuditError(.invalidSettings, "\(file): not a JSON document of settings (\(ErrorText.describe(error)))")
        }
        settings.sources.append(file)
        if let items = value.arrayValue {
            for item in items { try classify(item, file: file) }
        } else {
            try classify(value, file: file)
        }
    }

    private mutating func classify(_ value: JSONValue, file: String) throws(AuditError) {
        guard let object = value.objectValue else {
            throw AuditError(.invalidSettings, "\(file): expected a JSON object or a list of them")
        }
        if let twoFactor = object["two_factor_requirement_enabled"] {
            settings.organizationTwoFactorRequired = twoFactor.boolValue
            sourceOf["organization"] = sourceOf["organization"] ?? file
        } else if let permissions = object["default_workflow_permissions"]?.stringValue {
            settings.defaultWorkflowPermissions = permissions
            settings.workflowsCanApprovePullRequests = object["can_approve_pull_request_reviews"]?.boolValue
            sourceOf["workflow"] = sourceOf["workflow"] ?? file
        } else if object["rules"] != nil, object["enforcement"] != nil {
            rulesets.append((file, value))
        } else if object["type"] != nil, object["enforcement"] == nil, object["target"] == nil {
            branchRules.append((file, value))
            sourceOf["branch"] = sourceOf["branch"] ?? file
        } else if object["enforcement"] != nil, object["rules"] == nil {
            notes.append((file, "ruleset '\(object["name"]?.stringValue ?? "?")' is a summary from the list endpoint, without its rules: save 'gh api repos/O/R/rulesets/\(object["id"]?.intValue.map(String.init) ?? "ID")'"))
        } else if object["required_pull_request_reviews"] != nil || object["allow_force_pushes"] != nil || object["enforce_admins"] != nil {
            let url = object["url"]?.stringValue ?? ""
            let branch = url.range(of: "/branches/").flatMap { start in
                url[start.upperBound...].components(separatedBy: "/protection").first
            }
            protections.append((file, branch, value))
            sourceOf["branch"] = sourceOf["branch"] ?? file
        } else if let branch = object["default_branch"]?.stringValue {
            settings.defaultBranch = branch
        } else {
            throw AuditError(.invalidSettings, "\(file): a JSON object of no known settings shape (repository, branch protection, ruleset, branch rules, organization, workflow permissions)")
        }
    }

    /// Combines everything read into the default branch's and the tags' protection.
    mutating func finish() -> SourceSettings {
        if settings.defaultBranch == nil { settings.defaultBranch = protections.compactMap(\.branch).first }
        let branch = settings.defaultBranch
        var seenBranchData = false
        var protected = false
        var approvals = 0
        var codeOwners = false
        var dismissStale = false
        var forceBlocked = false
        var deletionBlocked = false
        for protection in protections where branch == nil || protection.branch == nil || protection.branch == branch {
            seenBranchData = true
            protected = true
            let value = protection.value
            if let reviews = value["required_pull_request_reviews"], !reviews.isNull {
                approvals = max(approvals, Int(reviews["required_approving_review_count"]?.intValue ?? 0))
                codeOwners = codeOwners || reviews["require_code_owner_reviews"]?.boolValue == true
                dismissStale = dismissStale || reviews["dismiss_stale_reviews"]?.boolValue == true
            }
            forceBlocked = forceBlocked || !Self.enabled(value["allow_force_pushes"])
            deletionBlocked = deletionBlocked || !Self.enabled(value["allow_deletions"])
        }
        var rules: [JSONValue] = branchRules.map(\.value)
        if !branchRules.isEmpty { seenBranchData = true }
        var tagUpdateBlocked = false
        var tagDeletionBlocked = false
        for (file, ruleset) in rulesets {
            let target = ruleset["target"]?.stringValue ?? "branch"
            // A ruleset in `evaluate` or `disabled` mode was looked at, and protects nothing.
            if target == "branch" {
                seenBranchData = true
                sourceOf["branch"] = sourceOf["branch"] ?? file
            }
            guard ruleset["enforcement"]?.stringValue == "active" else { continue }
            let include = ruleset["conditions"]?["ref_name"]?["include"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let exclude = ruleset["conditions"]?["ref_name"]?["exclude"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let types = Set(ruleset["rules"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? [])
            if target == "branch" {
                let ref = "refs/heads/\(branch ?? "")"
                let covers = include.contains { $0 == "~ALL" || $0 == "~DEFAULT_BRANCH" || GlobPattern($0).matches(ref) }
                    && !exclude.contains { $0 == "~DEFAULT_BRANCH" || GlobPattern($0).matches(ref) }
                if covers { rules += ruleset["rules"]?.arrayValue ?? [] }
            } else if target == "tag" {
                sourceOf["tag"] = sourceOf["tag"] ?? file
                let releaseTags = include.contains { $0 == "~ALL" || $0.hasPrefix("refs/tags/") }
                if releaseTags {
                    tagUpdateBlocked = tagUpdateBlocked || types.contains("update") || types.contains("non_fast_forward")
                    tagDeletionBlocked = tagDeletionBlocked || types.contains("deletion")
                }
            }
        }
        for rule in rules {
            protected = true
            switch rule["type"]?.stringValue {
            case "pull_request":
                let parameters = rule["parameters"]
                approvals = max(approvals, Int(parameters?["required_approving_review_count"]?.intValue ?? 0))
                codeOwners = codeOwners || parameters?["require_code_owner_review"]?.boolValue == true
                dismissStale = dismissStale || parameters?["dismiss_stale_reviews_on_push"]?.boolValue == true
            case "non_fast_forward": forceBlocked = true
            case "deletion": deletionBlocked = true
            default: break
            }
        }
        if seenBranchData {
            settings.branchProtected = protected
            settings.requiredApprovals = approvals
            settings.codeOwnerReview = codeOwners
            settings.dismissStaleApprovals = dismissStale
            settings.forcePushBlocked = protected ? forceBlocked : false
            settings.deletionBlocked = protected ? deletionBlocked : false
        }
        if !rulesets.isEmpty {
            settings.releaseTagsProtected = tagUpdateBlocked && tagDeletionBlocked
            sourceOf["tag"] = sourceOf["tag"] ?? rulesets[0].file
        }
        return settings
    }

    /// `{"enabled": true}` (GET) or `true` (PUT body); absent means GitHub's default, not allowed.
    private static func enabled(_ value: JSONValue?) -> Bool {
        guard let value, !value.isNull else { return false }
        return value["enabled"]?.boolValue ?? value.boolValue ?? false
    }
}
