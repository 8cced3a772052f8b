/// `tollgate init gitlab`: one `.gitlab-ci.yml` with merge request checks and a tag-only release job,
/// the starter policy with its tests, and CODEOWNERS entries.
enum GitLabPavedRoad {
    static let pipeline = """
        # Written by `tollgate init gitlab` (docs/audit.md#tollgate-init).
        # Merge requests: tollgate audit and scan. Tags: build → SBOM → provenance → signing → tollgate verify.
        stages: [check, audit, release]

        variables:
          TOLLGATE_VERSION: "0.1.0"

        .install-tollgate:
          before_script:
            # TOLLGATE_SHA256: a CI/CD variable holding the release's SHA-256.
            - curl -fsSLo tollgate.tar.gz "https://github.com/tollgate-dev/tollgate/releases/download/v${TOLLGATE_VERSION}/tollgate-linux-amd64.tar.gz"
            - echo "${TOLLGATE_SHA256}  tollgate.tar.gz" | sha256sum -c -
            - tar xzf tollgate.tar.gz tollgate

        audit-and-scan:
          stage: check
          extends: .install-tollgate
          rules:
            - if: $CI_PIPELINE_SOURCE == "merge_request_event"
          script:
            - ./tollgate audit . --format json --output audit.json
            - ./tollgate scan . --format sarif --output scan.sarif --fail-on high
          artifacts:
            when: always
            paths: [audit.json, scan.sarif]

        source-audit:
          stage: audit
          extends: .install-tollgate
          rules:
            - if: $CI_COMMIT_TAG =~ /^v/
          # TOLLGATE_AUDITOR_KEY: a protected, masked file variable, apart from the release key. The audit reads
          # the repository settings exported into .tollgate/settings/ (docs/audit.md#repository-settings).
          script:
            - ./tollgate audit . --attest --key "$TOLLGATE_AUDITOR_KEY" --repository "git+$CI_PROJECT_URL" --attest-output source-audit.json --fail-on critical
          artifacts:
            paths: [source-audit.json]

        release:
          stage: release
          extends: .install-tollgate
          needs: [source-audit]
          rules:
            - if: $CI_COMMIT_TAG =~ /^v/
          # Protect v* tags (Settings → Repository → Protected tags) and keep TOLLGATE_SIGNING_KEY a
          # protected, masked file variable. Cloud access: id_tokens with the provider's OIDC federation.
          script:
            - make dist  # TODO: your build; it writes dist/app.tar.gz
            - ./tollgate sbom generate . --output dist/sbom.cdx.json
            - ./tollgate provenance generate --subject dist/app.tar.gz --key "$TOLLGATE_SIGNING_KEY" --output dist/app.tar.gz.intoto.json
            - ./tollgate attest dist/app.tar.gz --predicate-type https://cyclonedx.org/bom --predicate dist/sbom.cdx.json --key "$TOLLGATE_SIGNING_KEY" --output dist/app.tar.gz.sbom.intoto.json
            - ./tollgate sign dist/app.tar.gz --key "$TOLLGATE_SIGNING_KEY" --signature-output dist/app.tar.gz.sig
            - ./tollgate verify dist/app.tar.gz --policy tollgate/policy.yaml --attestation dist/app.tar.gz.intoto.json --attestation dist/app.tar.gz.sbom.intoto.json --signature dist/app.tar.gz.sig --source-audit source-audit.json --key tollgate/release.pub --key tollgate/auditor.pub

        """

    static let codeowners = """
        # Written by `tollgate init gitlab`: changes to CI, deployment and the release policy need an owner's
        # approval (Settings → Repository → Protected branches → Code owner approval). TODO: your groups.
        /.gitlab-ci.yml @OWNER/release-team
        /CODEOWNERS @OWNER/release-team
        /tollgate/ @OWNER/security
        /.tollgate/ @OWNER/security
        /deploy/ @OWNER/platform

        """

    static let files: [PavedRoad.File] = [
        PavedRoad.File(path: ".gitlab-ci.yml", contents: pipeline,
                       purpose: "merge request checks and a tag-only release with SBOM, provenance, signature and verify"),
        PavedRoad.File(path: "tollgate/policy.yaml", contents: PavedRoadPolicy.policy, purpose: "the starter release policy"),
        PavedRoad.File(path: "tollgate/release.test.yaml", contents: PavedRoadPolicy.tests, purpose: "tollgate policy test fixtures"),
        PavedRoad.File(path: "CODEOWNERS", contents: codeowners, purpose: "owners for CI, deployment and policy files"),
    ]
}
