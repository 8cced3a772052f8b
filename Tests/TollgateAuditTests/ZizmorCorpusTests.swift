import Testing
import TollgateAudit

/// zizmor's own test workflows (Fixtures/SOURCES.md), the differential's second corpus: what Tollgate
/// finds in each, by line and column. docs/audit.md explains where zizmor differs.
@Suite struct ZizmorCorpusTests {
    static let cases: [RealWorkflowTests.Case] = [
        // Unpinned installs only: `gem install rake -v 13.0.6`, `rake:13.0.6` and `npm install oxlint@1.55.0` are pinned.
        RealWorkflowTests.Case(fixture: "zizmor-corpus/adhoc-packages.yml", expected: [
            Spot(.unpinnedPackageInstall, 18, 14), Spot(.unpinnedPackageInstall, 22, 14), Spot(.unpinnedPackageInstall, 34, 14),
            Spot(.unpinnedPackageInstall, 38, 14), Spot(.unpinnedPackageInstall, 44, 11), Spot(.unpinnedPackageInstall, 45, 11),
            Spot(.unpinnedPackageInstall, 50, 14), Spot(.unpinnedPackageInstall, 56, 14), Spot(.unpinnedPackageInstall, 64, 14),
            Spot(.unpinnedPackageInstall, 68, 14),
        ]),
        RealWorkflowTests.Case(fixture: "zizmor-corpus/caching-enabled-by-default.yml", expected: [Spot(.cachePoisoning, 19, 15), Spot(.templateInjection, 23, 36)]),
        RealWorkflowTests.Case(fixture: "zizmor-corpus/dangerous-trigger-write-cache.yml", expected: [
            Spot(.dangerousTrigger, 1, 5), Spot(.cachePoisoning, 7, 13),
        ]),
        // zizmor #418: `env.COMMENT_ID` is a constant the job sets, not an injection.
        RealWorkflowTests.Case(fixture: "zizmor-corpus/issue-418-repro.yml", expected: [
            Spot(.dangerousTrigger, 6, 3), Spot(.unpinnedUses, 18, 15),
        ]),
        RealWorkflowTests.Case(fixture: "zizmor-corpus/jobs-broaden-permissions.yml", expected: [Spot(.permissionsReadAll, 11, 18), Spot(.permissionsWriteAll, 20, 18)]),
        RealWorkflowTests.Case(fixture: "zizmor-corpus/workflow-default-perms.yml", expected: [Spot(.permissionsMissing, 14, 3)]),
    ]

    @Test("each of zizmor's workflows gives Tollgate's findings at their lines and columns", arguments: cases)
    func findings(_ testCase: RealWorkflowTests.Case) throws {
        let found = Set(try AuditFixture.findings(testCase.fixture).map(Spot.init))
        #expect(found == testCase.expected, "missing: \(testCase.expected.subtracting(found)), unexpected: \(found.subtracting(testCase.expected))")
    }
}
