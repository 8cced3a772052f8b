/// What GITHUB_TOKEN write scopes a job's steps plausibly use
/// (https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token),
/// judged from the actions and commands they name. A job that hands its token to an action this list
/// does not know may need any scope: its unneeded-write findings are pedantic, not gate-worthy.
enum TokenScopeUse {
    /// Text (lowercased action names, commands) whose presence in a step means the scope is used.
    static let users: [String: [String]] = [
        "contents": ["git push", "git tag", "gh release", "softprops/action-gh-release", "ncipollo/release-action",
                     "actions/create-release", "stefanzweifel/git-auto-commit-action", "endbug/add-and-commit",
                     "peter-evans/create-pull-request", "goreleaser/goreleaser-action", "semantic-release",
                     "changesets/action", "release-please-action", "svenstaro/upload-release-action",
                     "actions/upload-release-asset", "jamesives/github-pages-deploy-action", "peaceiris/actions-gh-pages",
                     "gh api", "actions/github-script", "gh workflow", "git-auto-commit", "cargo release"],
        "packages": ["ghcr.io", "docker/login-action", "docker push", "npm publish", "npm.pkg.github.com", "gh api",
                     "maven.pkg.github.com", "nuget.pkg.github.com"],
        "id-token": ["role-to-assume", "google-github-actions/auth", "azure/login", "cosign", "actions/attest",
                     "pypa/gh-action-pypi-publish", "slsa-framework/", "--provenance", "hashicorp/vault-action",
                     "actions_id_token_request", "getidtoken", "id-token", "sigstore", "use_oidc",
                     "rust-lang/crates-io-auth-action", "rubygems/release-gem", "rubygems/configure-rubygems-credentials",
                     "octo-sts", "aws-actions/configure-aws-credentials", "docker/build-push-action",
                     // Keyless Sigstore signing (tollgate, cosign, gitsign): the job's token for the audience sigstore.
                     "--keyless"],
        "pull-requests": ["gh pr", "peter-evans/create-pull-request", "create-or-update-comment", "sticky-pull-request-comment",
                          "actions/github-script", "actions/labeler", "thollander/actions-comment-pull-request",
                          "dependabot/fetch-metadata", "gh api", "pulls", "release-please-action", "changesets/action"],
        "issues": ["gh issue", "actions/github-script", "actions/stale", "create-or-update-comment", "gh api",
                   "actions/labeler", "release-please-action", "gh label"],
        "security-events": ["github/codeql-action", "upload-sarif", "sarif"],
        "attestations": ["actions/attest", "gh attestation"],
        "pages": ["actions/deploy-pages"],
        "checks": ["checks", "dorny/test-reporter", "publish-unit-test-result-action", "mikepenz/action-junit-report"],
        "statuses": ["statuses", "gh api", "set-commit-status"],
        "deployments": ["deployments", "chrnorm/deployment-action", "bobheadxi/deployments"],
        "actions": ["gh run", "gh workflow", "gh cache", "gh api", "actions/github-script"],
        "discussions": ["gh api", "actions/github-script", "discussion"],
        "repository-projects": ["gh api", "actions/github-script", "gh project"],
        "models": ["actions/ai-inference", "gh models"],
    ]

    /// Actions that use the token, if at all, only to read: a job made of these and `run:` steps that
    /// never name the token has no hidden need for a write scope.
    static let readOnlyActions = [
        "actions/checkout", "actions/setup-", "actions/cache", "actions/upload-artifact", "actions/download-artifact",
        "docker/setup-", "docker/metadata-action", "swatinem/rust-cache", "dtolnay/rust-toolchain", "astral-sh/setup-uv",
        "ruby/setup-ruby", "pnpm/action-setup", "gradle/actions/setup-gradle", "actions-rs/toolchain",
    ]

    /// Whether the steps name a user of `scope`.
    static func uses(_ scope: String, in text: String) -> Bool {
        (users[scope] ?? []).contains { text.contains($0) }
    }

    /// Whether a step could use the token in ways this list cannot see.
    static func isOpaque(_ step: WorkflowStep) -> Bool {
        if let action = step.action {
            guard let name = action.name else { return false }
            return !readOnlyActions.contains { name.hasPrefix($0) }
        }
        let text = step.searchText
        return text.contains("github_token") || text.contains("github.token") || text.contains("gh_token")
    }
}
