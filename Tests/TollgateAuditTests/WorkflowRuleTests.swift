import Testing
import TollgateAudit
import TollgateModel

/// Each rule on small workflows: what it flags, where, and what it leaves alone.
@Suite struct WorkflowRuleTests {
    private func spots(_ yaml: String, file: String = "workflow.yml") throws -> Set<Spot> {
        Set(try AuditFixture.findings(yaml: yaml, file: file).map(Spot.init))
    }

    private func rules(_ yaml: String) throws -> [AuditRule] {
        try AuditFixture.findings(yaml: yaml).map(\.rule)
    }

    static let header = "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"

    @Test("local actions, SHA pins and Docker digests pass; a Docker tag and an expression do not")
    func pinning() throws {
        let yaml = Self.header + """
              - uses: ./.github/actions/setup
              - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                with: { persist-credentials: false }
              - uses: docker://alpine@sha256:8a1f59ffb675680d47db6337b49d22281a139e9d709335b492be023728e11715
              - uses: docker://alpine:3.20
              - uses: ${{ matrix.action }}
        """
        #expect(try spots(yaml) == [Spot(.unpinnedUses, 11, 15), Spot(.unpinnedUses, 12, 15)])
    }

    @Test("workflow_run checking out the triggering run's head is critical; checking out the base is not")
    func workflowRunCheckout() throws {
        let yaml = """
            on:
              workflow_run:
                workflows: [ci]
                types: [completed]
            permissions: {}
            jobs:
              comment:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                    with:
                      persist-credentials: false
                      ref: ${{ github.event.workflow_run.head_sha }}
                  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                    with:
                      persist-credentials: false
                      ref: ${{ github.event.repository.default_branch }}
            """
        #expect(try spots(yaml) == [Spot(.dangerousTrigger, 2, 3), Spot(.untrustedCheckout, 13, 16)])
    }

    @Test("pull_request_target fetching the head in a script, directly or through an env variable, is critical")
    func scriptCheckout() throws {
        let yaml = """
            on: pull_request_target
            permissions: {}
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: gh pr checkout ${{ github.event.number }}
                  - env:
                      HEAD_BRANCH: ${{ github.head_ref }}
                    run: |
                      git fetch origin $HEAD_BRANCH
                      git merge --no-commit origin/$HEAD_BRANCH
            """
        let found = try AuditFixture.findings(yaml: yaml).filter { $0.rule == .untrustedCheckout }
        #expect(found.map(\.line) == [7, 10])
        #expect(found.allSatisfy { $0.severity == .critical })
    }

    @Test("an outsider's text in run: is high at its ${{; passed through env it is not flagged")
    func templateInjection() throws {
        let yaml = """
            on: issues
            permissions: {}
            jobs:
              triage:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo "triaging"
                      echo "${{ github.event.issue.title }}" | tee title.txt
                  - env:
                      TITLE: ${{ github.event.issue.title }}
                    run: echo "$TITLE" and ${{ github.event.issue.number }}
            """
        let found = try AuditFixture.findings(yaml: yaml)
        #expect(found.map(Spot.init) == [Spot(.templateInjection, 9, 17)])
        #expect(found.first?.severity == .high)
        #expect(found.first?.fix.contains("env:") == true)
    }

    @Test("a script run as it downloads is high; a verified download passes; an unverified one is medium")
    func downloads() throws {
        let piped = Self.header + "      - run: curl -fsSL https://get.example.com/install.sh | sh\n"
        #expect(try spots(piped) == [Spot(.curlPipeShell, 7, 14)])
        let unverified = Self.header + """
              - run: |
                  curl -fsSLO https://example.com/tool-1.2.3-linux-amd64.tar.gz
                  tar xzf tool-1.2.3-linux-amd64.tar.gz
        """
        #expect(try spots(unverified) == [Spot(.unverifiedDownload, 8, 11)])
        let verified = unverified + "\n          echo \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  tool-1.2.3-linux-amd64.tar.gz\" | sha256sum -c -\n"
        #expect(try spots(verified).isEmpty)
    }

    @Test("pip, npm -g, go, cargo and gem installs without an exact version are flagged; pinned ones pass",
          arguments: [
              ("pip install black", true), ("pip install black==24.4.2", false), ("pip install -r requirements.txt", false),
              ("python -m pip install --upgrade pip setuptools", true), ("pip install -e .", false),
              ("pip install 'ruff>=0.4'", true), ("uv pip install httpx==0.27.0", false),
              ("npm install -g typescript", true), ("npm i -g typescript@5.4.5", false), ("npm install -g @angular/cli@^17", true),
              ("npm ci", false), ("yarn global add serve", true), ("go install golang.org/x/tools/cmd/goimports@latest", true),
              ("go install golang.org/x/tools/cmd/goimports@v0.21.0", false), ("cargo install cargo-deny", true),
              ("cargo install cargo-deny --version 0.14.24 --locked", false), ("gem install bundler", true),
              ("gem install bundler -v 2.5.9", false), ("sudo pip3 install awscli", true),
          ])
    func packageInstalls(command: String, flagged: Bool) throws {
        let yaml = Self.header + "      - run: \(command)\n"
        let found = try AuditFixture.findings(yaml: yaml).filter { $0.rule == .unpinnedPackageInstall }
        #expect(found.count == (flagged ? 1 : 0))
        if flagged { #expect(found.first?.line == 7 && found.first?.column == 14) }
    }

    @Test("a self-hosted runner is high when fork pull requests reach it, and not flagged on push")
    func selfHosted() throws {
        let job = "jobs:\n  test:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make test\n"
        #expect(try spots("on: pull_request\npermissions: {}\n" + job) == [Spot(.selfHostedRunner, 5, 14)])
        #expect(try spots("on: push\npermissions: {}\n" + job).isEmpty)
    }

    @Test("a write scope no step uses is medium; a job that creates a release keeps contents: write")
    func unneededWrite() throws {
        let idle = "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - run: make test\n"
        let found = try AuditFixture.findings(yaml: idle)
        #expect(found.map(Spot.init) == [Spot(.permissionsUnneededWrite, 7, 17)])
        #expect(found.first?.severity == .medium)
        let release = idle.replacingOccurrences(of: "make test", with: "git push origin HEAD:gh-pages")
        #expect(try rules(release).isEmpty)
        let opaque = idle.replacingOccurrences(of: "- run: make test", with: "- uses: some/action@11bd71901bbe5b1630ceea73d27597364c9af683")
        #expect(try AuditFixture.findings(yaml: opaque).map(\.severity) == [.low])
    }

    @Test("id-token: write is used by keyless signing (tollgate/cosign --keyless) and unneeded without it")
    func idTokenForKeylessSigning() throws {
        let keyless = "on: push\npermissions: {}\njobs:\n  sign:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: tollgate sign dist/app.tar.gz --keyless --output app.sigstore.json\n"
        #expect(try rules(keyless).isEmpty)
        let keyed = keyless.replacingOccurrences(of: "--keyless --output app.sigstore.json", with: "--key release.key --signature-output app.sig")
        #expect(try spots(keyed) == [Spot(.permissionsUnneededWrite, 7, 17)])
    }

    @Test("workflow-level write scopes are reported once when no job uses them")
    func workflowLevelWrite() throws {
        let yaml = "on: push\npermissions:\n  contents: read\n  packages: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n"
        #expect(try spots(yaml) == [Spot(.permissionsUnneededWrite, 4, 13)])
    }

    @Test("missing permissions are reported per job, and not for a workflow only called by others")
    func missingPermissions() throws {
        let jobs = "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
        #expect(try spots("on: push\n" + jobs) == [Spot(.permissionsMissing, 3, 3)])
        #expect(try spots("on: workflow_call\n" + jobs).isEmpty)
    }

    @Test("GCP and Azure key logins and cloud key env variables are high; OIDC logins pass")
    func cloudKeys() throws {
        let yaml = Self.header + """
              - uses: google-github-actions/auth@6fc4af4b145ae7821d527454aa9bd537d1f2dc5f
                with:
                  credentials_json: ${{ secrets.GCP_CREDENTIALS }}
              - uses: azure/login@a457da9ea143d694b1b9c7c869ebb04ebe844ef5
                with:
                  creds: ${{ secrets.AZURE_CREDENTIALS }}
              - uses: google-github-actions/auth@6fc4af4b145ae7821d527454aa9bd537d1f2dc5f
                with:
                  workload_identity_provider: projects/123/locations/global/workloadIdentityPools/gh/providers/gh
                  service_account: deploy@example.iam.gserviceaccount.com
              - run: terraform apply
                env:
                  ARM_CLIENT_SECRET: ${{ secrets.ARM_CLIENT_SECRET }}
        """
        #expect(try spots(yaml) == [
            Spot(.staticCloudCredentials, 9, 29), Spot(.staticCloudCredentials, 12, 18), Spot(.staticCloudCredentials, 19, 30),
        ])
    }

    @Test("a cache written under pull_request_target is poisoning; the same cache on pull_request is not")
    func cacheFromPrivilegedTrigger() throws {
        let steps = "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020\n        with:\n          cache: npm\n"
        #expect(try spots("on: pull_request_target\npermissions: {}\n" + steps).contains(Spot(.cachePoisoning, 7, 15)))
        #expect(try spots("on: pull_request\npermissions: {}\n" + steps).isEmpty)
    }

    @Test("a release run that pulls artifacts from another run is high")
    func artifactsFromOtherRuns() throws {
        let yaml = """
            on: { workflow_run: { workflows: [build], types: [completed] } }
            permissions: {}
            jobs:
              publish:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093
                    with:
                      run-id: ${{ github.event.workflow_run.id }}
                      github-token: ${{ github.token }}
            """
        #expect(try spots(yaml).contains(Spot(.untrustedArtifact, 7, 15)))
    }

    @Test("a publishing job guarded by a tag check or an environment is not flagged; unguarded on dispatch it is")
    func releaseGuards() throws {
        let base = "on: [push, workflow_dispatch]\npermissions: {}\njobs:\n  release:\n    runs-on: ubuntu-latest\nGUARD    steps:\n      - run: npm publish\n"
        #expect(try spots(base.replacingOccurrences(of: "GUARD", with: "")) == [Spot(.releaseUnprotectedBranch, 4, 3)])
        #expect(try spots(base.replacingOccurrences(of: "GUARD", with: "    if: startsWith(github.ref, 'refs/tags/v')\n")).isEmpty)
        #expect(try spots(base.replacingOccurrences(of: "GUARD", with: "    environment: release\n")).isEmpty)
    }

    @Test("a composite action's steps are audited like a job's")
    func compositeAction() throws {
        let yaml = "name: setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/cache@v4\n    - run: echo ${{ github.event.pull_request.title }}\n      shell: bash\n"
        #expect(try spots(yaml, file: "action.yml") == [Spot(.unpinnedUses, 5, 13), Spot(.templateInjection, 6, 17)])
    }

    @Test("a secret expanded into run: is a low template-injection finding (zizmor's pedantic one); passed through env: it is not")
    func secretInScript() throws {
        let inline = "on: push\npermissions: {}\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./upload.sh --token ${{ secrets.CRATES_TOKEN }}\n"
        let found = try AuditFixture.findings(yaml: inline)
        #expect(found.map(Spot.init) == [Spot(.templateInjection, 7, 34)])
        #expect(found.first?.severity == .low && found.first?.message.contains("process listings") == true)
        let viaEnv = "on: push\npermissions: {}\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./upload.sh --token \"$CRATES_TOKEN\"\n        env:\n          CRATES_TOKEN: ${{ secrets.CRATES_TOKEN }}\n"
        #expect(try spots(viaEnv).isEmpty)
    }

    @Test("permissions: read-all is a low finding where it is written, at workflow or job level; write-all stays high")
    func readAll() throws {
        let yaml = "on: push\npermissions: read-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions: read-all\n    steps:\n      - run: make\n"
        let found = try AuditFixture.findings(yaml: yaml)
        #expect(found.map(Spot.init) == [Spot(.permissionsReadAll, 2, 14), Spot(.permissionsReadAll, 6, 18)])
        #expect(found.allSatisfy { $0.severity == .low })
    }
}
