import Foundation
import Testing

/// The paved road's release workflow, step by step on a real checkout: `tollgate init github`, the repository
/// settings exported as recommended, a commit, keys from `tollgate key generate` in the starter policy; then what
/// `.github/workflows/release.yml` runs: the signed source audit (job `source-audit`), provenance, SBOM
/// attestation, signature and `tollgate verify` with the audit. The five source-audit rules must pass: the road's
/// own audit is evidence its own policy accepts.
@Suite(.serialized) struct PavedRoadReleaseTests {
    @Test("the release workflow's audit, provenance and signature satisfy the starter policy's source-audit rules")
    func releaseStepsSatisfyTheStarterPolicy() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-road-\(UUID().uuidString)")
        let repo = root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".tollgate/settings"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func tollgate(_ arguments: [String]) throws -> TollgateProcess.Result {
            let result = try TollgateProcess.run(arguments, in: repo)
            return result
        }
        func git(_ arguments: [String]) throws {
            let result = try ExternalTool.run(["git"] + arguments, in: repo, environment: ["HOME": root.path, "GIT_CONFIG_NOSYSTEM": "1"])
            try #require(result.status == 0, "\(result.output)")
        }
        #expect(try tollgate(["init", "github"]).status == 0)
        let settings = TollgateProcess.root.appendingPathComponent("Tests/TollgateAuditTests/Fixtures/settings/good")
        for name in ["repository", "ruleset-main", "ruleset-tags", "organization", "workflow-permissions"] {
            try FileManager.default.copyItem(at: settings.appendingPathComponent("\(name).json"),
                                             to: repo.appendingPathComponent(".tollgate/settings/\(name).json"))
        }
        var keyIDs: [String: String] = [:]
        for name in ["release", "auditor"] {
            let generated = try tollgate(["key", "generate", "--output-prefix", "tollgate/\(name)", "--unsafe-unencrypted", "--format", "json"])
            let report = try #require(try JSONSerialization.jsonObject(with: generated.stdout) as? [String: Any])
            keyIDs[name] = try #require(report["keyID"] as? String)
        }
        let policyURL = repo.appendingPathComponent("tollgate/policy.yaml")
        let policy = try String(contentsOf: policyURL, encoding: .utf8)
            .replacingOccurrences(of: "REPLACE-WITH-RELEASE-KEY-ID", with: keyIDs["release"]!)
            .replacingOccurrences(of: "REPLACE-WITH-AUDITOR-KEY-ID", with: keyIDs["auditor"]!)
            .replacingOccurrences(of: "OWNER/REPO", with: "acme/app")
        try Data(policy.utf8).write(to: policyURL)
        // The private keys are CI secrets, not files of the checkout.
        for name in ["release", "auditor"] {
            try FileManager.default.moveItem(at: repo.appendingPathComponent("tollgate/\(name).key"), to: root.appendingPathComponent("\(name).key"))
        }
        for command in [["init", "-q"], ["config", "user.name", "Release"], ["config", "user.email", "release@acme.example"],
                        ["add", "."], ["commit", "-q", "-m", "paved road"]] {
            try git(command)
        }
        let commit = String(decoding: try ExternalTool.run(["git", "rev-parse", "HEAD"], in: repo).output.utf8, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)

        // Job source-audit.
        let audit = try tollgate(["audit", ".", "--attest", "--key", root.appendingPathComponent("auditor.key").path,
                                  "--repository", "git+https://github.com/acme/app", "--attest-output", "source-audit.json", "--fail-on", "critical"])
        #expect(audit.status == 0, "\(audit.stderr)\(audit.text)")
        // Job release.
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("dist"), withIntermediateDirectories: true)
        try Data("release artifact\n".utf8).write(to: repo.appendingPathComponent("dist/app.tar.gz"))
        let key = root.appendingPathComponent("release.key").path
        for step in [["provenance", "generate", "--subject", "dist/app.tar.gz", "--key", key, "--repository", "https://github.com/acme/app",
                      "--commit", commit, "--ref", "refs/tags/v1.0.0", "--workflow", ".github/workflows/release.yml", "--event", "push", "--builder-id", "https://github.com/actions/runner/github-hosted",
                      "--output", "dist/app.tar.gz.intoto.json"],
                     ["sign", "dist/app.tar.gz", "--key", key, "--signature-output", "dist/app.tar.gz.sig"]] {
            let result = try tollgate(step)
            #expect(result.status == 0, "\(step[0]): \(result.stderr)")
        }
        let verify = try tollgate(["verify", "dist/app.tar.gz", "--policy", "tollgate/policy.yaml", "--attestation", "dist/app.tar.gz.intoto.json",
                                   "--signature", "dist/app.tar.gz.sig", "--source-audit", "source-audit.json",
                                   "--key", "tollgate/release.pub", "--key", "tollgate/auditor.pub", "--format", "json"])
        let decision = try #require(try JSONSerialization.jsonObject(with: verify.stdout) as? [String: Any], "\(verify.stderr)")
        let rules = try #require(decision["rules"] as? [[String: Any]])
        let results = Dictionary(uniqueKeysWithValues: rules.compactMap { rule in
            (rule["rule"] as? String).map { ($0, rule["result"] as? String ?? "") }
        })
        for rule in ["source.branchProtection", "source.workflowOwners", "build.oidcCredentials", "build.pinnedActions", "build.untrustedCodeIsolated"] {
            #expect(results[rule] == "pass", "\(rule): \(rules.first { $0["rule"] as? String == rule } ?? [:])")
        }

        // The signed audit states who owns the release by CODEOWNERS (the paved road's: `/.github/ @OWNER/release-team`).
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: repo.appendingPathComponent("source-audit.json"))) as? [String: Any])
        let encoded = try #require(envelope["payload"] as? String)
        let payload = try #require(Data(base64Encoded: encoded))
        let statement = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        let codeOwners = try #require((statement["predicate"] as? [String: Any])?["codeOwners"] as? [String: Any], "\(statement)")
        #expect(codeOwners["file"] as? String == ".github/CODEOWNERS")
        #expect((codeOwners["paths"] as? [String: [String]])?[".github/workflows/release.yml"] == ["@OWNER/release-team"], "\(codeOwners)")
        #expect(codeOwners["repository"] as? [String] == [], "no catch-all line")

        // Recorded with the trusted audit, the artifact's registration names those owners (the server's remediation owner).
        let data = root.appendingPathComponent("data").path
        #expect(try tollgate(["ledger", "init", "--data", data]).status == 0)
        let recorded = try tollgate(["verify", "dist/app.tar.gz", "--policy", "tollgate/policy.yaml", "--attestation", "dist/app.tar.gz.intoto.json",
                                     "--signature", "dist/app.tar.gz.sig", "--source-audit", "source-audit.json",
                                     "--key", "tollgate/release.pub", "--key", "tollgate/auditor.pub", "--record", "--data", data, "--format", "json"])
        // The starter policy still denies (no SBOM here); the decision is recorded either way.
        let receipt = (try JSONSerialization.jsonObject(with: recorded.stdout) as? [String: Any])?["ledger"]
        #expect(receipt != nil, "\(recorded.stderr)")
        var registered: [String: Any]?
        for index in 0..<20 {
            let entry = try tollgate(["ledger", "get", String(index), "--data", data, "--format", "json"])
            guard entry.status == 0 else { break }
            let report = try #require(try JSONSerialization.jsonObject(with: entry.stdout) as? [String: Any])
            if report["kind"] as? String == "artifact.registered", let text = report["payload"] as? String {
                registered = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            }
        }
        let owners = try #require(registered?["codeOwners"] as? [String: Any], "\(String(describing: registered))")
        #expect(owners["owners"] as? [String] == ["@OWNER/release-team"])
        #expect(owners["path"] as? String == ".github/workflows/release.yml")
        #expect(owners["file"] as? String == ".github/CODEOWNERS")
        #expect(owners["commit"] as? String == commit)
        #expect((owners["vouchedBy"] as? String)?.contains(keyIDs["auditor"]!) == true, "\(owners)")
    }
}
