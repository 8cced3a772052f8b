/// `tollgate init github`: a release workflow, a pull request workflow, the starter policy with its
/// tests, and CODEOWNERS entries. Actions are pinned by commit SHA (the tag in a comment); every job has
/// only the permissions it uses.
enum GitHubPavedRoad {
    /// actions/checkout v4.2.2 and github/codeql-action/upload-sarif v3.28.18, pinned by commit.
    static let checkout = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2"
    static let uploadSARIF = "github/codeql-action/upload-sarif@ff0a06e83cb2de871e5a09832bc6a81e7276941f # v3.28.18"
    /// actions/upload-artifact v4.6.2 and actions/download-artifact v4.3.0, pinned by commit: the signed source
    /// audit goes from the audit job to the release job of the same run.
    static let uploadArtifact = "actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2"
    static let downloadArtifact = "actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093 # v4.3.0"

    /// Installs the tollgate release whose SHA-256 is the repository variable TOLLGATE_SHA256.
    static let install = """
              - name: Install tollgate (checksum verified)
                env:
                  TOLLGATE_SHA256: ${{ vars.TOLLGATE_SHA256 }}
                run: |
                  curl -fsSLo tollgate.tar.gz "https://github.com/tollgate-dev/tollgate/releases/download/v${TOLLGATE_VERSION}/tollgate-linux-amd64.tar.gz"
                  echo "${TOLLGATE_SHA256}  tollgate.tar.gz" | sha256sum -c -
                  tar xzf tollgate.tar.gz tollgate
        """

    /// The start of every job: the tollgate version, a checkout that keeps no token, tollgate installed.
    static let jobSetup = """
            env:
              TOLLGATE_VERSION: "0.1.0"
            steps:
              - uses: \(checkout)
                with:
                  persist-credentials: false

        \(install)
        """

    static let release = """
        # Written by `tollgate init github` (docs/audit.md#tollgate-init).
        # build → SBOM → SLSA provenance → signing → tollgate verify; then push by digest and record.
        name: release

        on:
          push:
            tags: ["v*"]

        permissions: {}

        # One release per tag at a time, never cancelled half-way.
        concurrency:
          group: ${{ github.workflow }}-${{ github.ref }}
          cancel-in-progress: false

        jobs:
          source-audit:
            name: source audit
            runs-on: ubuntu-24.04
            # The auditor's key lives in this environment's secrets, apart from the release key: restrict it to
            # protected v* tags, with reviewers other than the release team (Settings → Environments).
            environment: source-audit
            permissions:
              contents: read
        \(jobSetup)

              # Signs what the audit found about this commit: workflows, CODEOWNERS, and the repository settings
              # exported into .tollgate/settings/ (docs/audit.md#repository-settings). The policy's source rules read it.
              - name: Audit the source commit, signed
                env:
                  TOLLGATE_AUDITOR_KEY: ${{ secrets.TOLLGATE_AUDITOR_KEY }}
                  REPOSITORY: ${{ github.server_url }}/${{ github.repository }}
                run: |
                  umask 077
                  printf '%s\\n' "$TOLLGATE_AUDITOR_KEY" > "$RUNNER_TEMP/auditor.key"
                  ./tollgate audit . --attest --key "$RUNNER_TEMP/auditor.key" --repository "git+$REPOSITORY" \\
                    --attest-output source-audit.json --fail-on critical
                  rm -f "$RUNNER_TEMP/auditor.key"

              - uses: \(uploadArtifact)
                with:
                  name: source-audit
                  path: source-audit.json
                  if-no-files-found: error

          release:
            name: release
            needs: source-audit
            runs-on: ubuntu-24.04
            # Restrict this environment to protected v* tags and add required reviewers (Settings → Environments).
            environment: release
            permissions:
              contents: read
              # Keyless signing or a cloud login (aws-actions/configure-aws-credentials with role-to-assume,
              # google-github-actions/auth with workload_identity_provider) needs `id-token: write`: add it
              # together with the step that uses it, never ahead of it.
        \(jobSetup)

              - uses: \(downloadArtifact)
                with:
                  name: source-audit

              - name: Build
                run: make dist  # TODO: your build; it writes dist/app.tar.gz

              - name: SBOM
                run: ./tollgate sbom generate . --output dist/sbom.cdx.json

              - name: Provenance, SBOM attestation and signature
                env:
                  TOLLGATE_SIGNING_KEY: ${{ secrets.TOLLGATE_SIGNING_KEY }}
                  COMMIT: ${{ github.sha }}
                  REF: ${{ github.ref }}
                  REPOSITORY: ${{ github.server_url }}/${{ github.repository }}
                run: |
                  umask 077
                  printf '%s\\n' "$TOLLGATE_SIGNING_KEY" > "$RUNNER_TEMP/release.key"
                  ./tollgate provenance generate --subject dist/app.tar.gz --key "$RUNNER_TEMP/release.key" \\
                    --repository "$REPOSITORY" --commit "$COMMIT" --ref "$REF" --workflow .github/workflows/release.yml \\
                    --output dist/app.tar.gz.intoto.json
                  ./tollgate attest dist/app.tar.gz --predicate-type https://cyclonedx.org/bom --predicate dist/sbom.cdx.json \\
                    --key "$RUNNER_TEMP/release.key" --output dist/app.tar.gz.sbom.intoto.json
                  ./tollgate sign dist/app.tar.gz --key "$RUNNER_TEMP/release.key" --signature-output dist/app.tar.gz.sig
                  rm -f "$RUNNER_TEMP/release.key"

              - name: Verify against the release policy
                run: |
                  ./tollgate verify dist/app.tar.gz --policy tollgate/policy.yaml \\
                    --attestation dist/app.tar.gz.intoto.json --attestation dist/app.tar.gz.sbom.intoto.json \\
                    --signature dist/app.tar.gz.sig --source-audit source-audit.json \\
                    --key tollgate/release.pub --key tollgate/auditor.pub
                  # TODO: push the image by digest (registry/app@sha256:…, never a tag) and record the
                  # deployment with `tollgate deploy record` or `tollgate verify --record`.

        """

    static let pullRequest = """
        # Written by `tollgate init github` (docs/audit.md#tollgate-init).
        # Audits CI configuration and scans dependencies on every pull request; no secrets, read-only code.
        name: pull request checks

        on:
          pull_request:

        permissions: {}

        concurrency:
          group: ${{ github.workflow }}-${{ github.event.pull_request.number }}
          cancel-in-progress: true

        jobs:
          audit-and-scan:
            name: audit and scan
            runs-on: ubuntu-24.04
            permissions:
              contents: read
              security-events: write  # upload-sarif: results in the Security tab
        \(jobSetup)

              - name: Audit workflows, CODEOWNERS and settings
                run: ./tollgate audit . --format sarif --output audit.sarif

              - name: Scan dependencies
                run: |
                  curl -fsSLo "$RUNNER_TEMP/osv.zip" https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip  # TODO: your ecosystems
                  ./tollgate db import "$RUNNER_TEMP/osv.zip" --db "$RUNNER_TEMP/advisories.sqlite"
                  ./tollgate scan . --db "$RUNNER_TEMP/advisories.sqlite" --format sarif --output scan.sarif --fail-on high

              - name: Upload the audit
                if: always()
                uses: \(uploadSARIF)
                with:
                  sarif_file: audit.sarif
                  category: tollgate-audit

              - name: Upload the scan
                if: always()
                uses: \(uploadSARIF)
                with:
                  sarif_file: scan.sarif
                  category: tollgate-scan

        """

    static let codeowners = """
        # Written by `tollgate init github`: changes to CI, deployment and the release policy need an owner's
        # review (turn on "Require review from Code Owners"). TODO: replace the @OWNER/… teams with yours.
        /.github/ @OWNER/release-team
        /tollgate/ @OWNER/security
        /.tollgate/ @OWNER/security
        /deploy/ @OWNER/platform

        """

    static let files: [PavedRoad.File] = [
        PavedRoad.File(path: ".github/workflows/release.yml", contents: release,
                       purpose: "release: build, SBOM, provenance, signature, tollgate verify"),
        PavedRoad.File(path: ".github/workflows/pull-request.yml", contents: pullRequest,
                       purpose: "pull requests: tollgate audit and scan, SARIF to code scanning, no secrets"),
        PavedRoad.File(path: "tollgate/policy.yaml", contents: PavedRoadPolicy.policy, purpose: "the starter release policy"),
        PavedRoad.File(path: "tollgate/release.test.yaml", contents: PavedRoadPolicy.tests, purpose: "tollgate policy test fixtures"),
        PavedRoad.File(path: ".github/CODEOWNERS", contents: codeowners, purpose: "owners for workflow, deployment and policy files"),
    ]
}
