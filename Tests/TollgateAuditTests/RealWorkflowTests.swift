import Testing
import TollgateAudit
import TollgateModel

/// Real workflows with known problems (Fixtures/SOURCES.md): every finding, with its line and column,
/// and nothing else. Columns point at the value (`uses:`), the `${{` of an expression, or the command.
@Suite struct RealWorkflowTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let fixture: String
        let expected: Set<Spot>
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "workflows/menagerie-of-uses.yml", expected: [
            Spot(.releaseUnprotectedBranch, 7, 3),  // pypi publish on a push to any branch
            Spot(.unpinnedUses, 11, 15), Spot(.unpinnedUses, 13, 15), Spot(.unpinnedUses, 17, 15),
            Spot(.unpinnedUses, 25, 15), Spot(.unpinnedUses, 27, 15), Spot(.unpinnedUses, 29, 15),
        ]),
        // Job-level reusable workflows (zizmor #1508): the local one and the SHA-pinned one pass.
        Case(fixture: "workflows/reusable-workflow-unpinned.yml", expected: [
            Spot(.unpinnedUses, 17, 11), Spot(.unpinnedUses, 21, 11),
        ]),
        Case(fixture: "workflows/workflow-write-all.yml", expected: [Spot(.permissionsWriteAll, 5, 14)]),
        Case(fixture: "workflows/artipacked.yml", expected: [
            Spot(.persistCredentials, 18, 15), Spot(.persistCredentials, 26, 32),
        ]),
        Case(fixture: "workflows/dangerous-bare.yml", expected: [Spot(.dangerousTrigger, 1, 5)]),
        Case(fixture: "workflows/cpython-jit.yml", expected: [
            Spot(.templateInjection, 53, 29), Spot(.templateInjection, 55, 49),
            Spot(.curlPipeShell, 62, 16),  // sudo bash -c "$(wget -O - https://apt.llvm.org/llvm.sh)"
            Spot(.templateInjection, 62, 78), Spot(.templateInjection, 63, 38), Spot(.templateInjection, 64, 49),
        ]),
        Case(fixture: "workflows/workflow-tag-trigger.yml", expected: [Spot(.cachePoisoning, 21, 15), Spot(.templateInjection, 25, 36)]),
        Case(fixture: "workflows/codeql-sinks.yml", expected: [Spot(.templateInjection, 17, 16)]),
        Case(fixture: "workflows/maestro-pull-request-target.yml", expected: [
            Spot(.dangerousTrigger, 4, 3), Spot(.permissionsMissing, 7, 3), Spot(.persistCredentials, 10, 15),
            Spot(.unpinnedUses, 10, 15), Spot(.untrustedCheckout, 12, 16), Spot(.unpinnedUses, 13, 15),
        ]),
        Case(fixture: "workflows/aws-static-keys.yml", expected: [
            Spot(.permissionsMissing, 4, 3), Spot(.persistCredentials, 10, 13), Spot(.unpinnedUses, 10, 13),
            Spot(.unpinnedUses, 13, 13), Spot(.staticCloudCredentials, 15, 28), Spot(.staticCloudCredentials, 16, 32),
        ]),
        Case(fixture: "gitlab/deckhouse-simple-module.gitlab-ci.yml", expected: [
            Spot(.unpinnedInclude, 2, 11), Spot(.unpinnedInclude, 3, 11), Spot(.unpinnedInclude, 4, 11),
        ]),
        Case(fixture: "gitlab/deckhouse-semgrep.gitlab-ci.yml", expected: [Spot(.unpinnedImage, 22, 10)]),
    ]

    @Test("every known problem of a real workflow is found at its line and column, and nothing else", arguments: cases)
    func findsKnownProblems(_ testCase: Case) throws {
        let found = Set(try AuditFixture.findings(testCase.fixture).map(Spot.init))
        #expect(found == testCase.expected, "missing: \(testCase.expected.subtracting(found)), unexpected: \(found.subtracting(testCase.expected))")
    }

    @Test("the pwn request of the Maestro README is critical, its bare trigger only pedantic")
    func severities() throws {
        let findings = try AuditFixture.findings("workflows/maestro-pull-request-target.yml")
        #expect(findings.first { $0.rule == .untrustedCheckout }?.severity == .critical)
        #expect(findings.first { $0.rule == .dangerousTrigger }?.severity == .low)
        #expect(findings.first { $0.rule == .untrustedCheckout }?.job == "upload-to-mobile-dev")
    }

    @Test("AWS access keys given to configure-aws-credentials are high and the fix names role-to-assume")
    func awsKeys() throws {
        let keys = try AuditFixture.findings("workflows/aws-static-keys.yml").filter { $0.rule == .staticCloudCredentials }
        #expect(keys.count == 2)
        #expect(keys.allSatisfy { $0.severity == .high && $0.fix.contains("role-to-assume") && $0.fix.contains("id-token: write") })
    }
}
