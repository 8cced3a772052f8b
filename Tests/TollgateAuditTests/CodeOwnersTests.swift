import Foundation
import Testing
@testable import TollgateAudit

/// GitHub's own CODEOWNERS example, checked against what its comments say each rule owns.
@Suite struct CodeOwnersTests {
    static let docs: CodeOwners = {
        let bytes = (try? AuditFixture.bytes("codeowners/github-docs-example")) ?? []
        return CodeOwners(text: String(decoding: bytes, as: UTF8.self))
    }()

    @Test("each path gets the owners the GitHub docs example says, the last match winning", arguments: [
        ("README.md", ["@global-owner1", "@global-owner2"]),
        ("src/app.js", ["@js-owner"]),                       // *.js, inline comment stripped
        ("cmd/main.go", ["docs@example.com"]),
        ("notes/todo.txt", ["@octo-org/octocats"]),
        ("build/logs/today/out.log", ["@octocat"]),          // /build/logs/ then **/logs: the later wins
        ("docs/getting-started.md", ["@doctocat"]),           // docs/* then /docs/: the later wins
        ("docs/build-app/troubleshooting.md", ["@doctocat"]), // /docs/ owns nested files
        ("src/apps/ui/button.swift", ["@octocat"]),           // apps/ anywhere
        ("scripts/release.sh", ["@doctocat", "@octocat"]),
        ("deeply/nested/logs/x.log", ["@octocat"]),           // **/logs
        ("apps/github/hooks.rb", ["@doctocat"]),              // the last /apps/github line
        ("apps/web/index.html", ["@octocat"]),
    ])
    func owners(path: String, expected: [String]) {
        #expect(Self.docs.owners(of: path) == expected)
    }

    @Test("docs/* owns direct files only; without /docs/ a nested file falls back to the default owners")
    func directFilesOnly() {
        let owners = CodeOwners(text: "* @default\ndocs/* @docs-team\n")
        #expect(owners.owners(of: "docs/getting-started.md") == ["@docs-team"])
        #expect(owners.owners(of: "docs/build-app/troubleshooting.md") == ["@default"])
        #expect(owners.owners(of: "src/docs/x.md") == ["@default"])  // docs/* is anchored: it has a slash
    }

    @Test("a rule with no owners leaves its paths unowned, and the line before it does not apply")
    func emptyOwners() {
        let owners = CodeOwners(text: "/apps/ @octocat\n/apps/github\n")
        #expect(owners.owners(of: "apps/github/a.rb").isEmpty)
        #expect(owners.rule(for: "apps/github/a.rb")?.line == 2)
        #expect(owners.owners(of: "apps/other/a.rb") == ["@octocat"])
    }

    @Test("negation, ranges and malformed owners are problems at their line; GitHub skips those lines")
    func problems() {
        let owners = CodeOwners(text: "* @ok\n!docs/ @x\n*.[ch] @c-team\n/src/ not-an-owner\n\\#file @hash\n")
        #expect(owners.problems.map(\.line) == [2, 3, 4])
        #expect(owners.owners(of: "#file") == ["@hash"])
        #expect(owners.owners(of: "src/a.c") == ["@ok"])
    }

    @Test("a checkout's unowned workflow and policy files are high findings on those files; owned ones pass")
    func checkoutOwnership() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-owners-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for directory in [".github/workflows", "tollgate", "deploy/prod", "src"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        try Data(AuditFixture.bytes("workflows/workflow-write-all.yml")).write(to: root.appendingPathComponent(".github/workflows/ci.yml"))
        try Data("apiVersion: tollgate.dev/v1\n".utf8).write(to: root.appendingPathComponent("tollgate/policy.yaml"))
        try Data("kind: Deployment\n".utf8).write(to: root.appendingPathComponent("deploy/prod/app.yaml"))
        try Data("print(1)\n".utf8).write(to: root.appendingPathComponent("src/main.py"))

        let missing = try SourceAuditor().audit(paths: [root.path])
        #expect(missing.findings.contains { $0.rule == .codeownersMissing && $0.severity == .high })
        #expect(missing.workflowOwners == false)

        try Data("/.github/ @acme/release\n/deploy/ @acme/platform\n/src/ @acme/dev\n".utf8)
            .write(to: root.appendingPathComponent(".github/CODEOWNERS"))
        let partial = try SourceAuditor().audit(paths: [root.path])
        let unowned = partial.findings.filter { $0.rule == .codeownersUnowned }.map(\.file)
        #expect(unowned == [root.path + "/tollgate/policy.yaml"])
        #expect(partial.workflowOwners == false)

        try Data("/.github/ @acme/release\n/deploy/ @acme/platform\n/tollgate/ @acme/security\n".utf8)
            .write(to: root.appendingPathComponent(".github/CODEOWNERS"))
        let owned = try SourceAuditor().audit(paths: [root.path])
        #expect(!owned.findings.contains { $0.rule.rawValue.hasPrefix("codeowners") })
        #expect(owned.workflowOwners == true)
    }

    @Test("the ownership an attested audit states: each workflow's owners by the last matching line, the repository's by the last catch-all line")
    func ownership() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-ownership-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".github/workflows"), withIntermediateDirectories: true)
        #expect(try CodeOwnership.read(checkout: root.path) == nil, "no CODEOWNERS file")
        for name in ["release.yml", "ci.yml"] {
            try Data(AuditFixture.bytes("workflows/workflow-write-all.yml")).write(to: root.appendingPathComponent(".github/workflows/\(name)"))
        }
        // GitHub's example, whose first line `*` names the default owners, and a line for the release workflow after it.
        let example = String(decoding: try AuditFixture.bytes("codeowners/github-docs-example"), as: UTF8.self)
        try Data((example + "\n/.github/workflows/release.yml @acme/release\n").utf8).write(to: root.appendingPathComponent(".github/CODEOWNERS"))
        let ownership = try #require(try CodeOwnership.read(checkout: root.path))
        #expect(ownership.file == ".github/CODEOWNERS")
        #expect(ownership.paths == [".github/workflows/release.yml": ["@acme/release"],
                                    ".github/workflows/ci.yml": ["@global-owner1", "@global-owner2"]])
        #expect(ownership.repository == ["@global-owner1", "@global-owner2"])
        #expect(ownership.owners(ofWorkflow: ".github/workflows/release.yml")?.owners == ["@acme/release"])
        #expect(ownership.owners(ofWorkflow: ".github/workflows/other.yml")?.path == "*", "a workflow the audit did not see: the repository's owners")
        #expect(ownership.owners(ofWorkflow: nil)?.owners == ["@global-owner1", "@global-owner2"])

        // Without a catch-all line, a workflow no line owns has no owner at all.
        try Data("/.github/workflows/release.yml @acme/release\n/.github/workflows/ci.yml\n".utf8).write(to: root.appendingPathComponent(".github/CODEOWNERS"))
        let narrow = try #require(try CodeOwnership.read(checkout: root.path))
        #expect(narrow.paths[".github/workflows/ci.yml"] == [], "a line with no owners leaves it unowned")
        #expect(narrow.repository.isEmpty)
        #expect(narrow.owners(ofWorkflow: ".github/workflows/ci.yml") == nil)
    }
}
