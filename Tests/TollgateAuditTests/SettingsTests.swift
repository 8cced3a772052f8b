import Foundation
import Testing
import TollgateAudit
import TollgateModel

/// Exported repository settings: GitHub's documented branch protection example, a real ruleset in
/// evaluate mode, and a repository configured as recommended.
@Suite struct SettingsTests {
    private func audit(_ settings: [String], minimumApprovals: Int = 1) throws -> AuditReport {
        let workflow = AuditFixture.directory.appendingPathComponent("workflows/workflow-tag-trigger.yml").path
        return try SourceAuditor().audit(paths: [workflow], settings: settings.map { AuditFixture.directory.appendingPathComponent($0).path },
                                         minimumApprovals: minimumApprovals)
    }

    private func settingsRules(_ report: AuditReport) -> Set<AuditRule> {
        Set(report.findings.map(\.rule).filter { ![.cachePoisoning, .templateInjection].contains($0) })
    }

    @Test("the docs' branch protection example: two code-owner reviews, stale dismissal, but force pushes and deletion enabled")
    func docsExample() throws {
        let report = try audit(["settings/branch-protection-docs.json"])
        let settings = try #require(report.settings)
        #expect(settings.defaultBranch == "master")
        #expect(settings.branchProtected == true)
        #expect(settings.requiredApprovals == 2)
        #expect(settings.codeOwnerReview == true && settings.dismissStaleApprovals == true)
        #expect(settings.forcePushBlocked == false && settings.deletionBlocked == false)
        #expect(settings.releaseTagsProtected == nil)  // no rulesets exported: unknown, not protected
        #expect(settingsRules(report) == [.forcePushAllowed, .deletionAllowed])
        #expect(report.findings.first { $0.rule == .forcePushAllowed }?.severity == .high)
        #expect(try settingsRules(audit(["settings/branch-protection-docs.json"], minimumApprovals: 3)).contains(.reviewsTooFew))
    }

    @Test("a ruleset in evaluate mode protects nothing: the default branch is unprotected")
    func evaluateMode() throws {
        let report = try audit(["settings/mongo-php-library-ruleset.json", "settings/good/repository.json"])
        #expect(report.settings?.branchProtected == false)
        #expect(report.settings?.releaseTagsProtected == false)
        #expect(settingsRules(report) == [.branchUnprotected, .releaseTagsUnprotected])
    }

    @Test("a repository configured as recommended has no settings findings, and every fact is known")
    func recommended() throws {
        let report = try audit(["settings/good"], minimumApprovals: 2)
        let settings = try #require(report.settings)
        #expect(settingsRules(report).isEmpty)
        #expect(settings.defaultBranch == "main" && settings.branchProtected == true && settings.requiredApprovals == 2)
        #expect(settings.codeOwnerReview == true && settings.dismissStaleApprovals == true)
        #expect(settings.forcePushBlocked == true && settings.deletionBlocked == true && settings.releaseTagsProtected == true)
        #expect(settings.organizationTwoFactorRequired == true && settings.defaultWorkflowPermissions == "read")
        #expect(settings.workflowsCanApprovePullRequests == false)
        #expect(report.files.filter { $0.kind == .settings }.count == 5)
    }

    @Test("organization without 2FA and a read-write default token are findings")
    func organization() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"login":"acme","type":"Organization","two_factor_requirement_enabled":false}"#.utf8).write(to: directory.appendingPathComponent("org.json"))
        try Data(#"{"default_workflow_permissions":"write","can_approve_pull_request_reviews":true}"#.utf8).write(to: directory.appendingPathComponent("wf.json"))
        let workflow = AuditFixture.directory.appendingPathComponent("workflows/dangerous-bare.yml").path
        let report = try SourceAuditor().audit(paths: [workflow], settings: [directory.path])
        #expect(report.findings.filter { $0.rule == .orgTwoFactorOff }.count == 1)
        #expect(report.findings.filter { $0.rule == .defaultTokenWrite }.count == 2)
        #expect(report.settings?.branchProtected == nil)  // no branch data: unknown
    }

    @Test("JSON of no known shape and non-JSON are audit.invalid-settings")
    func invalid() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-settings-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let workflow = AuditFixture.directory.appendingPathComponent("workflows/dangerous-bare.yml").path
        for (name, text) in [("shape.json", #"{"hello": "world"}"#), ("text.json", "not json")] {
            let file = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            do {
                _ = try SourceAuditor().audit(paths: [workflow], settings: [file.path])
                Issue.record("\(name) was accepted")
            } catch {
                #expect(error.kind == .invalidSettings)
            }
        }
    }
}
