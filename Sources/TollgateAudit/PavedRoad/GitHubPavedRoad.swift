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

    /// Installs the tollgate release whose SHA-256 is the repository variable TOLLGATE_SHA256, outside the checkout
    /// (whose tollgate/ directory holds the policy), on the job's PATH.
    static let install = """
              - name: Install tollgate (checksum verified)
                env:
                  TOLLGATE_SHA256: ${{ vars.TOLLGATE_SHA256 }}
                run: |
                  curl -fsSLo "$RUNNER_TEMP/tollgate.tar.gz" "https://github.com/tollgate-dev/tollgate/releases/download/v${TOLLGATE_VERSION}/tollgate-linux-amd64.tar.gz"
                  echo "${TOLLGATE_SHA256}  $RUNNER_TEMP/tollgate.tar.gz" | sha256sum -c -
                  mkdir -p "$RUNNER_TEMP/bin"
                  tar xzf "$RUNNER_TEMP/tollgate.tar.gz" -C "$RUNNER_TEMP/bin" tollgate
                  echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"
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

    /// oras (oras-project/oras), the OCI registry client the release pushes the artifact with, by digest.
    static let orasVersion = "1.2.3"

    static let release = """
        # Written by `tollgate init github` (docs/audit.md#tollgate-init).
        # build → SBOM → SLSA provenance → signing → tollgate verify → push by digest → record.
        # Signing is keyless (Sigstore: a Fulcio certificate for this workflow's OIDC identity, a Rekor entry), so
        # no signing key is stored in CI. To sign with keys instead, see docs/audit.md#signing-with-keys.
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
            # Restrict this environment to protected v* tags, with reviewers other than the release team
            # (Settings → Environments).
            environment: source-audit
            permissions:
              contents: read
              id-token: write  # the audit is signed keylessly with this job's OIDC token
        \(jobSetup)

              # Signs what the audit found about this commit: workflows, CODEOWNERS, and the repository settings
              # exported into .tollgate/settings/ (docs/audit.md#repository-settings). The policy's source rules read it.
              - name: Audit the source commit, signed keylessly
                run: |
                  tollgate audit . --attest --keyless --repository "git+$GITHUB_SERVER_URL/$GITHUB_REPOSITORY" \\
                    --attest-output source-audit.sigstore.json --fail-on critical

              - uses: \(uploadArtifact)
                with:
                  name: source-audit
                  path: source-audit.sigstore.json
                  if-no-files-found: error

          release:
            name: release
            needs: source-audit
            runs-on: ubuntu-24.04
            # Restrict this environment to protected v* tags and add required reviewers (Settings → Environments).
            environment: release
            permissions:
              contents: read
              id-token: write  # keyless signing, and the OIDC token the Tollgate server records with
              packages: write  # push to ghcr.io
        \(jobSetup)

              - uses: \(downloadArtifact)
                with:
                  name: source-audit

              - name: Build
                run: make dist  # TODO: your build; it writes dist/app.tar.gz

              - name: SBOM
                run: tollgate sbom generate . --output dist/sbom.cdx.json

              # Repository, commit, ref, workflow and trigger come from the runner's GITHUB_* variables.
              - name: SLSA provenance, signed keylessly
                run: tollgate provenance generate --subject dist/app.tar.gz --keyless --output dist/app.tar.gz.provenance.sigstore.json

              - name: Sign the artifact and attest its SBOM, keylessly
                run: |
                  tollgate attest dist/app.tar.gz --predicate-type https://cyclonedx.org/bom --predicate dist/sbom.cdx.json \\
                    --keyless --output dist/app.tar.gz.sbom.sigstore.json
                  tollgate sign dist/app.tar.gz --keyless --output dist/app.tar.gz.sigstore.json

              # The gate: signatures and identities, provenance, SBOM, the source audit of this commit, and the
              # SBOM scanned against the advisory database. A deny stops the release here, before anything is pushed.
              # The reference is where the artifact will be, named by its own digest (deploy.byDigest).
              - name: Verify against the release policy
                run: |
                  curl -fsSLo "$RUNNER_TEMP/osv.zip" https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip  # TODO: your ecosystems
                  tollgate db import "$RUNNER_TEMP/osv.zip" --db "$RUNNER_TEMP/advisories.sqlite"
                  reference="ghcr.io/${GITHUB_REPOSITORY,,}@sha256:$(sha256sum dist/app.tar.gz | cut -d ' ' -f 1)"
                  echo "$reference" > dist/app.ref
                  tollgate verify dist/app.tar.gz --policy tollgate/policy.yaml --db "$RUNNER_TEMP/advisories.sqlite" \\
                    --attestation dist/app.tar.gz.provenance.sigstore.json --attestation dist/app.tar.gz.sbom.sigstore.json \\
                    --bundle dist/app.tar.gz.sigstore.json --source-audit source-audit.sigstore.json --no-sidecar \\
                    --reference "$reference" --format json --output dist/decision.json

              # The verified artifact goes to ghcr.io as an OCI artifact; deployments name it by its digest (the
              # reference above), never by the tag. ORAS_SHA256: a repository variable holding the checksum of the
              # oras release.
              - name: Push by digest
                env:
                  ORAS_SHA256: ${{ vars.ORAS_SHA256 }}
                  REGISTRY_TOKEN: ${{ github.token }}
                run: |
                  curl -fsSLo "$RUNNER_TEMP/oras.tar.gz" "https://github.com/oras-project/oras/releases/download/v\(orasVersion)/oras_\(orasVersion)_linux_amd64.tar.gz"
                  echo "${ORAS_SHA256}  $RUNNER_TEMP/oras.tar.gz" | sha256sum -c -
                  tar xzf "$RUNNER_TEMP/oras.tar.gz" -C "$RUNNER_TEMP" oras
                  printf '%s' "$REGISTRY_TOKEN" | "$RUNNER_TEMP/oras" login ghcr.io -u "$GITHUB_ACTOR" --password-stdin
                  reference=$(cat dist/app.ref)
                  "$RUNNER_TEMP/oras" push "${reference%@*}:$GITHUB_REF_NAME" dist/app.tar.gz
                  # The artifact is in the registry under its own digest: what deployments reference.
                  "$RUNNER_TEMP/oras" blob fetch --descriptor "$reference"

              # Record: the server verifies the uploaded evidence against its published policy `release` and
              # appends the decision to its ledger (docs/server.md). The credential is this job's OIDC token
              # (id-token: write), mapped to a role by the server's OIDC trust file: no Tollgate secret in CI.
              # TOLLGATE_SERVER: a repository variable with the server's URL; without it this step is skipped.
              - name: Record the decision on the Tollgate server
                if: vars.TOLLGATE_SERVER != ''
                env:
                  TOLLGATE_SERVER: ${{ vars.TOLLGATE_SERVER }}
                run: |
                  tollgate verify dist/app.tar.gz --server "$TOLLGATE_SERVER" --policy release --record \\
                    --reference "$(cat dist/app.ref)" --no-sidecar \\
                    --attestation dist/app.tar.gz.provenance.sigstore.json --attestation dist/app.tar.gz.sbom.sigstore.json \\
                    --bundle dist/app.tar.gz.sigstore.json --receipt-output dist/receipt.json

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
                run: tollgate audit . --format sarif --output audit.sarif

              - name: Scan dependencies
                run: |
                  curl -fsSLo "$RUNNER_TEMP/osv.zip" https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip  # TODO: your ecosystems
                  tollgate db import "$RUNNER_TEMP/osv.zip" --db "$RUNNER_TEMP/advisories.sqlite"
                  tollgate scan . --db "$RUNNER_TEMP/advisories.sqlite" --format sarif --output scan.sarif --fail-on high

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
                       purpose: "release: build, SBOM, provenance, keyless signing, tollgate verify, push by digest, record"),
        PavedRoad.File(path: ".github/workflows/pull-request.yml", contents: pullRequest,
                       purpose: "pull requests: tollgate audit and scan, SARIF to code scanning, no secrets"),
        PavedRoad.File(path: "tollgate/policy.yaml", contents: PavedRoadPolicy.policy(.github), purpose: "the starter release policy"),
        PavedRoad.File(path: "tollgate/release.test.yaml", contents: PavedRoadPolicy.tests(.github), purpose: "tollgate policy test fixtures"),
        PavedRoad.File(path: ".github/CODEOWNERS", contents: codeowners, purpose: "owners for workflow, deployment and policy files"),
    ]
}
