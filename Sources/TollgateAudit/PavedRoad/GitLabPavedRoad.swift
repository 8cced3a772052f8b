/// `tollgate init gitlab`: one `.gitlab-ci.yml` with merge request checks and a tag-only release job,
/// the starter policy with its tests, and CODEOWNERS entries.
enum GitLabPavedRoad {
    static let pipeline = """
        # Written by `tollgate init gitlab` (docs/audit.md#tollgate-init).
        # Merge requests: tollgate audit and scan. Tags: build → SBOM → provenance → signing → tollgate verify →
        # push by digest → record.
        stages: [check, audit, release]

        variables:
          TOLLGATE_VERSION: "0.1.0"

        .install-tollgate:
          before_script:
            # TOLLGATE_SHA256: a CI/CD variable holding the release's SHA-256.
            - curl -fsSLo tollgate.tar.gz "https://github.com/tollgate-dev/tollgate/releases/download/v${TOLLGATE_VERSION}/tollgate-linux-amd64.tar.gz"
            - echo "${TOLLGATE_SHA256}  tollgate.tar.gz" | sha256sum -c -
            # Outside tollgate/ (the policy's directory), on the PATH of the job's script.
            - mkdir -p .bin && tar xzf tollgate.tar.gz -C .bin tollgate
            - export PATH="$PWD/.bin:$PATH"

        audit-and-scan:
          stage: check
          extends: .install-tollgate
          rules:
            - if: $CI_PIPELINE_SOURCE == "merge_request_event"
          script:
            - tollgate audit . --format json --output audit.json
            - tollgate scan . --format sarif --output scan.sarif --fail-on high
          artifacts:
            when: always
            paths: [audit.json, scan.sarif]

        # Keyless signing (Sigstore): each signing job asks GitLab for an OIDC token for the audience sigstore
        # (SIGSTORE_ID_TOKEN), so no signing key is stored in CI. Keys instead: docs/audit.md#signing-with-keys.
        source-audit:
          stage: audit
          extends: .install-tollgate
          rules:
            - if: $CI_COMMIT_TAG =~ /^v/
          id_tokens:
            SIGSTORE_ID_TOKEN:
              aud: sigstore
          # The audit reads the repository settings exported into .tollgate/settings/ (docs/audit.md#repository-settings).
          script:
            - tollgate audit . --attest --keyless --repository "git+$CI_PROJECT_URL" --attest-output source-audit.sigstore.json --fail-on critical
          artifacts:
            paths: [source-audit.sigstore.json]

        # build → SBOM → SLSA provenance → signing → tollgate verify → push by digest → record.
        release:
          stage: release
          extends: .install-tollgate
          needs: [source-audit]
          rules:
            - if: $CI_COMMIT_TAG =~ /^v/
          # Protect v* tags (Settings → Repository → Protected tags). TOLLGATE_OIDC_TOKEN authenticates the record
          # step to your Tollgate server (docs/server.md): set its aud to the server's URL, and TOLLGATE_SERVER
          # (a CI/CD variable) to the URL; without TOLLGATE_SERVER the record step does nothing. ORAS_SHA256: a
          # CI/CD variable holding the checksum of the oras release.
          id_tokens:
            SIGSTORE_ID_TOKEN:
              aud: sigstore
            TOLLGATE_OIDC_TOKEN:
              aud: https://tollgate.example.com
          script:
            - make dist  # TODO: your build; it writes dist/app.tar.gz
            - tollgate sbom generate . --output dist/sbom.cdx.json
            - tollgate provenance generate --subject dist/app.tar.gz --keyless --output dist/app.tar.gz.provenance.sigstore.json
            - tollgate attest dist/app.tar.gz --predicate-type https://cyclonedx.org/bom --predicate dist/sbom.cdx.json --keyless --output dist/app.tar.gz.sbom.sigstore.json
            - tollgate sign dist/app.tar.gz --keyless --output dist/app.tar.gz.sigstore.json
            - curl -fsSLo osv.zip https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip  # TODO: your ecosystems
            - tollgate db import osv.zip --db advisories.sqlite
            - reference="$CI_REGISTRY_IMAGE@sha256:$(sha256sum dist/app.tar.gz | cut -d ' ' -f 1)"
            - echo "$reference" > dist/app.ref
            - tollgate verify dist/app.tar.gz --policy tollgate/policy.yaml --db advisories.sqlite --reference "$reference" --attestation dist/app.tar.gz.provenance.sigstore.json --attestation dist/app.tar.gz.sbom.sigstore.json --bundle dist/app.tar.gz.sigstore.json --source-audit source-audit.sigstore.json --no-sidecar --format json --output dist/decision.json
            - curl -fsSLo oras.tar.gz "https://github.com/oras-project/oras/releases/download/v\(GitHubPavedRoad.orasVersion)/oras_\(GitHubPavedRoad.orasVersion)_linux_amd64.tar.gz"
            - echo "${ORAS_SHA256}  oras.tar.gz" | sha256sum -c -
            - tar xzf oras.tar.gz oras
            - printf '%s' "$CI_JOB_TOKEN" | ./oras login "$CI_REGISTRY" -u gitlab-ci-token --password-stdin
            - ./oras push "$CI_REGISTRY_IMAGE:$CI_COMMIT_TAG" dist/app.tar.gz
            - ./oras blob fetch --descriptor "$reference"  # in the registry under its own digest, what deployments reference
            - if [ -n "${TOLLGATE_SERVER:-}" ]; then tollgate verify dist/app.tar.gz --server "$TOLLGATE_SERVER" --policy release --record --reference "$reference" --no-sidecar --attestation dist/app.tar.gz.provenance.sigstore.json --attestation dist/app.tar.gz.sbom.sigstore.json --bundle dist/app.tar.gz.sigstore.json --receipt-output dist/receipt.json; fi
          artifacts:
            paths: [dist/decision.json, dist/app.ref]

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
                       purpose: "merge request checks and a tag-only release: SBOM, provenance, keyless signing, verify, push by digest, record"),
        PavedRoad.File(path: "tollgate/policy.yaml", contents: PavedRoadPolicy.policy(.gitlab), purpose: "the starter release policy"),
        PavedRoad.File(path: "tollgate/release.test.yaml", contents: PavedRoadPolicy.tests(.gitlab), purpose: "tollgate policy test fixtures"),
        PavedRoad.File(path: "CODEOWNERS", contents: codeowners, purpose: "owners for CI, deployment and policy files"),
    ]
}
