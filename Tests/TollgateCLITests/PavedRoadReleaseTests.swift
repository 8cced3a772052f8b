import Foundation
import Testing
@testable import TollgateAudit
import TollgateModel

/// The paved road's release workflow, run: `tollgate init github` on a real checkout with the repository settings
/// exported as recommended and one commit, then the `run:` scripts of `.github/workflows/release.yml` themselves, in
/// job and step order, with bash as GitHub runs them (`-eo pipefail`), in the environment a tag push gives them
/// (`GITHUB_*`, `RUNNER_TEMP`, and the job's OIDC token endpoint, served by the test Sigstore deployment on loopback
/// as in `KeylessSigningTests`). The decision `tollgate verify` writes must allow the release: the keyless source
/// audit, provenance, SBOM attestation and signature are evidence the starter policy accepts, by the workflow's
/// Sigstore identity.
///
/// What stands in for the outside world: `tollgate` on the PATH (where the install step puts the release) is the
/// built binary with `--fulcio-url`, `--rekor-url` and the trusted root of the loopback deployment added (the scripts
/// use the public-good defaults); `curl` serves the OSV fixture for the advisory download. Steps not run, and why:
/// the install step (it downloads a release), the build (a TODO; the test writes dist/app.tar.gz), the push by digest
/// (needs a registry and oras), and the record step, which GitHub skips too when the TOLLGATE_SERVER variable is
/// unset, as here; it is then run once with an unreachable server, for its command line and its credential.
@Suite(.serialized) struct PavedRoadReleaseTests {
    static let workflowIdentity = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0"
    static let skipped: Set<String> = ["Install tollgate (checksum verified)", "Build", "Push by digest", "Record the decision on the Tollgate server"]

    /// The `run:` scripts of the release workflow by job (in `needs` order) and step, with step names.
    static func scripts(_ workflow: [UInt8]) throws -> [(job: String, step: String, script: String, hasEnv: Bool)] {
        let root = try AuditSource(file: "release.yml", bytes: workflow).root
        var scripts: [(String, String, String, Bool)] = []
        for job in ["source-audit", "release"] {
            let steps = try #require(root.child("jobs")?.child(job)?.child("steps")?.items, "job \(job)")
            for step in steps {
                guard let run = step.child("run")?.text else { continue }
                scripts.append((job, step.child("name")?.text ?? "", run, step.child("env") != nil))
            }
        }
        return scripts
    }

    /// Runs `bash -eo pipefail -c SCRIPT` off the cooperative pool (the loopback services must answer meanwhile).
    static func bash(_ script: String, in directory: URL, environment: [String: String]) async throws -> ExternalTool.Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try ExternalTool.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], in: directory, environment: environment)
                })
            }
        }

    }

    @Test("the release workflow's own scripts, keyless against a test Sigstore: the starter policy allows what they produce")
    func releaseWorkflowRuns() async throws {
        let token = KeylessSigningTests.token(["iss": "https://token.actions.githubusercontent.com", "sub": .string(Self.workflowIdentity),
                                               "aud": "sigstore", "exp": .integer(Int64(Date().timeIntervalSince1970) + 600)])
        let world = try await KeylessSigningTests.World.make(actionsToken: token)
        defer { Task { try? await world.server.stop() } }
        let dir = world.dir
        let commit = try Self.checkout(dir, platform: "github")

        let (tools, runnerTemp) = try Self.standIns(world)
        defer {
            try? FileManager.default.removeItem(at: tools)
            try? FileManager.default.removeItem(at: runnerTemp)
        }
        let environment = [
            "GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/app", "GITHUB_SHA": commit,
            "GITHUB_REF": "refs/tags/v1.0.0", "GITHUB_REF_NAME": "v1.0.0", "GITHUB_EVENT_NAME": "push",
            "GITHUB_WORKFLOW_REF": "acme/app/.github/workflows/release.yml@refs/tags/v1.0.0", "GITHUB_RUN_ID": "42",
            "RUNNER_ENVIRONMENT": "github-hosted", "RUNNER_TEMP": runnerTemp.path, "SIGSTORE_ID_TOKEN": "",
            "ACTIONS_ID_TOKEN_REQUEST_URL": world.server.url + "/actions-token?api-version=2.0",
            "ACTIONS_ID_TOKEN_REQUEST_TOKEN": SigstoreLoopbackServer.actionsRequestToken,
            "TOLLGATE_DATA": dir.appendingPathComponent("data").path,
            "PATH": tools.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
        ]

        let scripts = try Self.scripts(Array(try Data(contentsOf: dir.appendingPathComponent(".github/workflows/release.yml"))))
        #expect(Set(scripts.map(\.step)).isSuperset(of: Self.skipped), "the skipped steps are still in the workflow: \(scripts.map(\.step))")
        var ran: [String] = []
        for (job, step, script, hasEnv) in scripts where !Self.skipped.contains(step) {
            // A step with its own env: would need its ${{ }} values; none of the steps run here has one.
            try #require(!hasEnv, "\(job) / \(step) has an env: block this test does not provide")
            if step == "SBOM" {
                try FileManager.default.createDirectory(at: dir.appendingPathComponent("dist"), withIntermediateDirectories: true)
                try Data("release artifact\n".utf8).write(to: dir.appendingPathComponent("dist/app.tar.gz"))
            }
            let result = try await Self.bash(script, in: dir, environment: environment)
            ran.append(step)
            if step == "Verify against the release policy" { continue }  // its decision is read below, whatever its status
            try #require(result.status == 0, "\(job) / \(step): \(result.output)")
        }
        #expect(ran == ["Audit the source commit, signed keylessly", "SBOM", "SLSA provenance, signed keylessly",
                        "Sign the artifact and attest its SBOM, keylessly", "Verify against the release policy"])

        // The source audit is a Sigstore bundle about the commit, signed as the workflow.
        let audit = try JSONValue.parse(try Data(contentsOf: dir.appendingPathComponent("source-audit.sigstore.json")))
        let statement = try JSONValue.parse(Base64Text.decode(audit["dsseEnvelope"]?["payload"]?.stringValue ?? "") ?? [])
        #expect(statement["subject"]?[0]?["digest"]?["gitCommit"]?.stringValue == commit)

        // Where the push puts the artifact: the registry, by the artifact's own digest.
        let digest = DigestAlgorithm.sha256.hash(Array("release artifact\n".utf8)).hex
        #expect(try String(contentsOf: dir.appendingPathComponent("dist/app.ref"), encoding: .utf8) == "ghcr.io/acme/app@sha256:\(digest)\n")

        try Self.expectAllowed(dir)
        try await Self.expectCodeOwners(statement, verifyStep: try #require(scripts.first { $0.step == "Verify against the release policy" }).script,
                                        commit: commit, in: dir, environment: environment)

        // The record step, which GitHub skips without TOLLGATE_SERVER, run with one that is not there: its command line is
        // accepted, and its credential is the job's OIDC token for the server's audience (the loopback token endpoint
        // issues tokens for the audience sigstore only), not a stored secret.
        let record = try #require(scripts.first { $0.step == "Record the decision on the Tollgate server" })
        let recorded = try await Self.bash(record.script, in: dir, environment: environment.merging(["TOLLGATE_SERVER": "http://127.0.0.1:9"]) { $1 })
        #expect(recorded.status == 4, "\(recorded.output)")
        #expect(recorded.output.contains("error[cli.server]") && recorded.output.contains("OIDC token") && recorded.output.contains("HTTP 400"),
                "\(recorded.output)")
    }

    /// The signed audit states who owns the release by CODEOWNERS (the paved road's `/.github/ @OWNER/release-team`), and the
    /// verify step, recorded in a ledger, writes those owners into the artifact's registration with the trusted auditor
    /// that vouched for them (the server's remediation owner, docs/dashboard.md#remediation).
    static func expectCodeOwners(_ statement: JSONValue, verifyStep: String, commit: String, in dir: URL,
                                 environment: [String: String]) async throws {
        let codeOwners = try #require(statement["predicate"]?["codeOwners"], "\(statement)")
        #expect(codeOwners["file"]?.stringValue == ".github/CODEOWNERS")
        #expect(codeOwners["paths"]?[".github/workflows/release.yml"]?.arrayValue?.compactMap(\.stringValue) == ["@OWNER/release-team"], "\(codeOwners)")
        #expect(codeOwners["repository"]?.arrayValue?.isEmpty == true, "no catch-all line")

        let data = dir.appendingPathComponent("recorded").path
        #expect(try TollgateProcess.run(["ledger", "init", "--data", data], in: dir).status == 0)
        let script = verifyStep.replacingOccurrences(of: "--output dist/decision.json", with: "--record --data '\(data)' --output dist/recorded.json")
        #expect(script != verifyStep)
        let recorded = try await bash(script, in: dir, environment: environment)
        #expect(recorded.status == 0, "\(recorded.output)")
        var registered: JSONValue?
        for index in 0..<40 {
            let entry = try TollgateProcess.run(["ledger", "get", String(index), "--data", data, "--format", "json"], in: dir)
            guard entry.status == 0 else { break }
            let report = try JSONValue.parse(entry.stdout)
            if report["kind"]?.stringValue == "artifact.registered", let text = report["payload"]?.stringValue {
                registered = try JSONValue.parse(Array(text.utf8))
            }
        }
        let owners = try #require(registered?["codeOwners"], "\(String(describing: registered))")
        #expect(owners["owners"]?.arrayValue?.compactMap(\.stringValue) == ["@OWNER/release-team"])
        #expect(owners["path"]?.stringValue == ".github/workflows/release.yml")
        #expect(owners["file"]?.stringValue == ".github/CODEOWNERS")
        #expect(owners["commit"]?.stringValue == commit)
        #expect(owners["vouchedBy"]?.stringValue?.contains(workflowIdentity) == true, "\(owners)")
    }

    /// The world's directory made a paved-road checkout for `platform` (OWNER/REPO set to acme/app, a lockfile the
    /// SBOM step reads); returns the commit.
    static func checkout(_ dir: URL, platform: String) throws -> String {
        try ReleaseCheckout.make(in: dir, platform: platform) { dir in
            let policyURL = dir.appendingPathComponent("tollgate/policy.yaml")
            let policy = try String(contentsOf: policyURL, encoding: .utf8).replacingOccurrences(of: "OWNER/REPO", with: "acme/app")
            try Data(policy.utf8).write(to: policyURL)
            try Data("six==1.16.0\n".utf8).write(to: dir.appendingPathComponent("requirements.txt"))
        }
    }

    /// The stand-ins, outside the checkout: a directory for the PATH with `tollgate` (the built binary pointed at the
    /// world's Sigstore) and `curl` (the OSV fixture), and a scratch directory for RUNNER_TEMP.
    static func standIns(_ world: KeylessSigningTests.World) throws -> (tools: URL, temporary: URL) {
        let dir = world.dir
        let tools = dir.deletingLastPathComponent().appendingPathComponent("tools-\(UUID().uuidString)")
        let runnerTemp = dir.deletingLastPathComponent().appendingPathComponent("runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: runnerTemp, withIntermediateDirectories: true)
        let root = dir.appendingPathComponent("trusted_root.json").path
        let wrapper = """
            #!/bin/sh
            keyless=
            server=
            for argument in "$@"; do
              [ "$argument" = --keyless ] && keyless=1
              [ "$argument" = --server ] && server=1
            done
            if [ -n "$keyless" ] && [ "$1" = audit ]; then
              exec '\(TollgateProcess.binary.path)' "$@" --fulcio-url '\(world.server.url)' --rekor-url '\(world.server.url)' --keyless-trusted-root '\(root)'
            elif [ -n "$keyless" ]; then
              exec '\(TollgateProcess.binary.path)' "$@" --fulcio-url '\(world.server.url)' --rekor-url '\(world.server.url)' --trusted-root '\(root)'
            elif [ "$1" = verify ] && [ -z "$server" ]; then
              exec '\(TollgateProcess.binary.path)' "$@" --trusted-root '\(root)'
            fi
            exec '\(TollgateProcess.binary.path)' "$@"

            """
        let osv = TollgateProcess.root.appendingPathComponent("Tests/TollgateVulnerabilitiesTests/Fixtures/osv/osv.zip").path
        let curl = """
            #!/bin/sh
            # curl -fsSLo FILE URL: the OSV fixture for osv-vulnerabilities.storage.googleapis.com, nothing else.
            case "$3" in https://osv-vulnerabilities.storage.googleapis.com/*) exec cp '\(osv)' "$2" ;; esac
            echo "curl stand-in: no network for $3" >&2
            exit 22

            """
        for (name, text) in [("tollgate", wrapper), ("curl", curl)] {
            let url = tools.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        return (tools, runnerTemp)
    }

    /// The decision the verify step wrote allows, every rule of the starter policy passing.
    static func expectAllowed(_ dir: URL) throws {
        let decision = try JSONValue.parse(try Data(contentsOf: dir.appendingPathComponent("dist/decision.json")))
        let rules = decision["rules"]?.arrayValue ?? []
        var results: [String: String] = [:]
        for rule in rules { if let name = rule["rule"]?.stringValue { results[name] = rule["result"]?.stringValue } }
        let summary = rules.map { "\($0["rule"]?.stringValue ?? ""): \($0["result"]?.stringValue ?? "") \($0["reason"]?.stringValue ?? "")" }
            .joined(separator: "\n") + "\nproblems: \(decision["problems"] ?? .null)"
        for rule in ["artifact.signature", "artifact.provenance", "artifact.sbom", "source.repositories", "source.refs", "build.triggers",
                     "source.branchProtection", "source.workflowOwners", "build.oidcCredentials", "build.pinnedActions", "build.untrustedCodeIsolated",
                     "artifact.vulnerabilities.maxSeverity", "deploy.byDigest"] {
            #expect(results[rule] == "pass", "\(rule):\n\(summary)")
        }
        #expect(decision["decision"]?.stringValue == "allow", "\(summary)")
    }

    @Test("the GitLab release job's own script lines, keyless with the id_tokens token: the starter policy allows what they produce")
    func gitlabPipelineRuns() async throws {
        let identity = "https://gitlab.com/acme/app//.gitlab-ci.yml@refs/tags/v1.0.0"
        let token = KeylessSigningTests.token(["iss": "https://gitlab.com", "sub": .string(identity), "aud": "sigstore",
                                               "exp": .integer(Int64(Date().timeIntervalSince1970) + 600)])
        let world = try await KeylessSigningTests.World.make()
        defer { Task { try? await world.server.stop() } }
        let dir = world.dir
        let commit = try Self.checkout(dir, platform: "gitlab")
        let (tools, temporary) = try Self.standIns(world)
        defer {
            try? FileManager.default.removeItem(at: tools)
            try? FileManager.default.removeItem(at: temporary)
        }
        // What a tag pipeline sets, and the id_tokens entry SIGSTORE_ID_TOKEN (aud: sigstore).
        let environment = [
            "GITLAB_CI": "true", "CI_PROJECT_URL": "https://gitlab.com/acme/app", "CI_COMMIT_SHA": commit, "CI_COMMIT_TAG": "v1.0.0",
            "CI_CONFIG_PATH": ".gitlab-ci.yml", "CI_PIPELINE_SOURCE": "push", "CI_SERVER_URL": "https://gitlab.com",
            "CI_REGISTRY_IMAGE": "registry.gitlab.com/acme/app", "SIGSTORE_ID_TOKEN": token,
            "TOLLGATE_DATA": dir.appendingPathComponent("data").path,
            "PATH": tools.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
        ]
        let root = try AuditSource(file: ".gitlab-ci.yml", bytes: Array(try Data(contentsOf: dir.appendingPathComponent(".gitlab-ci.yml")))).root
        func lines(_ job: String) throws -> [String] {
            let items = root.child(job)?.child("script")?.items.compactMap(\.text)
            return try #require(items, "job \(job)")
        }
        // Job source-audit, whole.
        let audited = try await Self.bash(try lines("source-audit").joined(separator: "\n"), in: dir, environment: environment)
        try #require(audited.status == 0, "source-audit: \(audited.output)")
        // Job release up to the push (which needs a registry and oras), without the build (a TODO: the file is written here).
        let release = try lines("release")
        let push = try #require(release.firstIndex { $0.contains("oras") })
        let run = release[..<push].filter { !$0.hasPrefix("make dist") }
        #expect(run.count == release[..<push].count - 1 && run.last?.hasPrefix("tollgate verify") == true, "\(run)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("dist"), withIntermediateDirectories: true)
        try Data("release artifact\n".utf8).write(to: dir.appendingPathComponent("dist/app.tar.gz"))
        let released = try await Self.bash(run.joined(separator: "\n"), in: dir, environment: environment)
        #expect(released.status == 0, "release: \(released.output)")
        let digest = DigestAlgorithm.sha256.hash(Array("release artifact\n".utf8)).hex
        #expect(try String(contentsOf: dir.appendingPathComponent("dist/app.ref"), encoding: .utf8) == "registry.gitlab.com/acme/app@sha256:\(digest)\n")
        try Self.expectAllowed(dir)
    }
}
