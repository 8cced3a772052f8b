/// The starter policy and its `tollgate policy test` fixtures: the same rules for every platform, with the
/// platform's host, release identity, workflow file and builder.
enum PavedRoadPolicy {
    static let commit = "0000000000000000000000000000000000000001"

    /// The Sigstore identity of the platform's release pipeline: the OIDC issuer, and a regular expression for
    /// the Fulcio certificate's subject (the workflow or pipeline file at a v* tag).
    static func releaseIdentity(_ platform: PavedRoad.Platform) -> (issuer: String, subject: String) {
        switch platform {
        case .github: ("https://token.actions.githubusercontent.com", #"^https://github\.com/OWNER/REPO/\.github/workflows/release\.yml@refs/tags/v.*$"#)
        case .gitlab: ("https://gitlab.com", #"^https://gitlab\.com/OWNER/REPO//\.gitlab-ci\.yml@refs/tags/v.*$"#)
        }
    }

    /// The forge hosting the repository, as provenance names it.
    static func host(_ platform: PavedRoad.Platform) -> String {
        switch platform {
        case .github: "github.com"
        case .gitlab: "gitlab.com"
        }
    }

    /// The release pipeline's file and the builder its provenance names, for the policy test fixtures.
    static func build(_ platform: PavedRoad.Platform) -> (workflow: String, builder: String) {
        switch platform {
        case .github: (".github/workflows/release.yml", "https://github.com/actions/runner/github-hosted")
        case .gitlab: (".gitlab-ci.yml", "https://gitlab.com/gitlab-runner")
        }
    }

    /// The starter policy: the release pipeline's keyless identity is trusted to sign the artifact, its provenance
    /// and SBOM, and the source audit; the REPLACE-WITH-…-KEY-ID keys are the key-signing alternative.
    static func policy(_ platform: PavedRoad.Platform) -> String {
        let identity = releaseIdentity(platform)
        return """
        # Starter release policy written by `tollgate init` (reference: docs/policy.md).
        # Replace OWNER/REPO. Signing is keyless: the release pipeline's Sigstore identity below. To sign with keys
        # instead, replace the REPLACE-WITH-…-KEY-ID values with the ids `tollgate key generate` prints (else remove them).
        apiVersion: tollgate.dev/v1
        kind: Policy
        metadata:
          name: release
          description: Releases come from protected tags, signed, with provenance, an SBOM and an audited source.

        source:
          repositories: ["\(host(platform))/OWNER/REPO"]
          refs: ["refs/tags/v*"]
          requireCommit: true
          # Read from `tollgate audit --attest` of the source commit, signed by the release pipeline's source-audit
          # job (keyless) or by the audit key.
          auditors:
            identities:
              - { issuer: "\(identity.issuer)", subjectRegExp: '\(identity.subject)' }
            keys: ["REPLACE-WITH-AUDITOR-KEY-ID"]
          branchProtection: { minReviews: 1, codeOwnerReview: true, dismissStale: true }
          workflowOwners: true

        build:
          triggers: { deny: [pull_request_target, pull_request, workflow_run] }
          oidcCredentials: true
          pinnedActions: true
          untrustedCodeIsolated: true

        artifact:
          signature:
            required: true
            identities:
              - { issuer: "\(identity.issuer)", subjectRegExp: '\(identity.subject)' }
            keys: ["REPLACE-WITH-RELEASE-KEY-ID"]
          provenance: { required: true }
          sbom: { required: true }
          vulnerabilities: { maxSeverity: high }

        deploy:
          byDigest: true

        """
    }

    static func tests(_ platform: PavedRoad.Platform) -> String {
        let (workflow, builder) = build(platform)
        return """
        # `tollgate policy test tollgate` runs these against policy.yaml: keep them passing as the policy changes.
        policy: policy.yaml
        now: 2026-01-01T12:00:00Z
        cases:
          - name: a signed release from a tag, with provenance, an SBOM and a clean source audit, is allowed
            evidence: &release
              artifact: { name: app, digest: "sha256:a627c68c6da5e9849c388d1262747d4cf52a5f2544f0acc190b7054c2db6469f",
                          reference: "registry.example/app@sha256:a627c68c6da5e9849c388d1262747d4cf52a5f2544f0acc190b7054c2db6469f" }
              signatures:
                - { key: REPLACE-WITH-RELEASE-KEY-ID }
              provenance:
                builder: \(builder)
                repository: https://\(host(platform))/OWNER/REPO
                ref: refs/tags/v1.0.0
                commit: \(commit)
                workflow: \(workflow)
                trigger: push
              sbom:
                attested: true
                components:
                  - { name: example, version: "1.0.0", purl: "pkg:generic/example@1.0.0" }
              scan: { scannedAt: 2026-01-01T08:00:00Z, findings: [] }
              sourceAudits:
                - commit: \(commit)
                  signer: { key: REPLACE-WITH-AUDITOR-KEY-ID }
                  facts: { pinnedActions: true, oidcCredentials: true, untrustedCodeIsolated: true, workflowOwners: true }
                  settings: { branchProtected: true, requiredApprovals: 1, codeOwnerReview: true, dismissStaleApprovals: true }
            expect:
              decision: allow

          - name: a build started by pull_request_target is denied
            evidence:
              <<: *release
              provenance:
                builder: \(builder)
                repository: https://\(host(platform))/OWNER/REPO
                ref: refs/tags/v1.0.0
                commit: \(commit)
                workflow: \(workflow)
                trigger: pull_request_target
            expect:
              decision: deny
              rules: { build.triggers: fail }

          - name: a source whose workflows hold long-lived cloud keys is denied
            evidence:
              <<: *release
              sourceAudits:
                - commit: \(commit)
                  signer: { key: REPLACE-WITH-AUDITOR-KEY-ID }
                  facts: { pinnedActions: true, oidcCredentials: false, untrustedCodeIsolated: true, workflowOwners: true }
                  settings: { branchProtected: true, requiredApprovals: 1, codeOwnerReview: true, dismissStaleApprovals: true }
            expect:
              decision: deny
              rules: { build.oidcCredentials: fail }

          - name: without a source audit the audit rules cannot run, and deny
            evidence:
              <<: *release
              sourceAudits: []
            expect:
              decision: deny
              rules: { source.branchProtection: fail, build.pinnedActions: fail }

        """
    }
}
