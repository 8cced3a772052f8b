import Foundation
import Testing
import TollgateModel
import TollgatePolicy
import TollgateVerify

@Suite("Provenance rules: source and build")
struct SourceAndBuildRuleTests {
    static let sourcePolicy = """
    source:
      repositories: ["github.com/acme/*"]
      refs: ["refs/tags/v*"]
    """

    @Test("source.repositories", arguments: [
        RuleCase(name: "pass", evidence: evidence(provenance: facts()), result: .pass,
                 reason: "source repository github.com/acme/app"),
        RuleCase(name: "deny: another owner", evidence: evidence(provenance: facts(repository: "github.com/evil/app")),
                 result: .fail, reason: "expected source repository matching github.com/acme/*; found github.com/evil/app"),
        RuleCase(name: "deny: no repository in provenance", evidence: evidence(provenance: facts(repository: nil)),
                 result: .fail, reason: "expected source repository matching github.com/acme/*; the provenance and certificate name no source repository"),
        RuleCase(name: "deny: no provenance (cannot run)", evidence: evidence(), result: .fail,
                 reason: "cannot evaluate: no trusted provenance or certificate build facts; expected source repository matching github.com/acme/*"),
    ])
    func repositories(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy(Self.sourcePolicy), sample.evidence, rule: .sourceRepositories))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("source.refs", arguments: [
        RuleCase(name: "pass", evidence: evidence(provenance: facts()), result: .pass, reason: "source ref refs/tags/v1.2.0"),
        RuleCase(name: "deny: a branch", evidence: evidence(provenance: facts(ref: "refs/heads/feature")),
                 result: .fail, reason: "expected source ref matching refs/tags/v*; found refs/heads/feature"),
    ])
    func refs(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy(Self.sourcePolicy), sample.evidence, rule: .sourceRefs))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("source.commit", arguments: [
        RuleCase(name: "pass", evidence: evidence(provenance: facts()), result: .pass,
                 reason: "source commit ebff8dfbd609b7b22237c7719ce07f2dc7934f5f"),
        RuleCase(name: "deny: no commit", evidence: evidence(provenance: {
            var f = facts(); f.sourceCommit = nil; return f }()), result: .fail,
                 reason: "expected an exact source commit (40 or 64 hex digits); found no source commit"),
        RuleCase(name: "deny: abbreviated commit", evidence: evidence(provenance: {
            var f = facts(); f.sourceCommit = "ebff8df"; return f }()), result: .fail,
                 reason: "expected an exact source commit (40 or 64 hex digits); found source commit ebff8df"),
    ])
    func commit(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy("source: { requireCommit: true }\n"), sample.evidence, rule: .sourceCommit))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("build.workflows", arguments: [
        RuleCase(name: "pass", evidence: evidence(provenance: facts()), result: .pass,
                 reason: "workflow .github/workflows/release.yml"),
        RuleCase(name: "deny: another workflow", evidence: evidence(provenance: {
            var f = facts(); f.workflowPath = ".github/workflows/ci.yml"; return f }()), result: .fail,
                 reason: "expected workflow matching .github/workflows/release.yml; found .github/workflows/ci.yml"),
    ])
    func workflows(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy("build: { workflows: [.github/workflows/release.yml] }\n"), sample.evidence, rule: .buildWorkflows))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    static let previous = HistoryEvidence(previousBuilds: [
        PreviousBuild(version: "1.1.0", sourceRepository: "github.com/acme/app", builderID: "https://github.com/actions/runner/github-hosted"),
    ])

    @Test("source.continuity flags an unfamiliar fork", arguments: [
        RuleCase(name: "pass: same repository and builder", evidence: evidence(provenance: facts(), history: previous),
                 result: .pass, reason: "matches 1 previous version"),
        RuleCase(name: "pass: first version", evidence: evidence(provenance: facts(), history: HistoryEvidence()),
                 result: .pass, reason: "first version seen; nothing to compare"),
        RuleCase(name: "deny: fork", evidence: evidence(provenance: facts(repository: "github.com/acme-fork/app"), history: previous),
                 result: .fail,
                 reason: "expected the same source repository and builder as previous versions; found unfamiliar fork: source repository github.com/acme-fork/app differs from github.com/acme/app (previous versions 1.1.0)"),
        RuleCase(name: "deny: new builder", evidence: evidence(provenance: facts(builder: "https://ci.example/self-hosted"), history: previous),
                 result: .fail,
                 reason: "expected the same source repository and builder as previous versions; found unfamiliar fork: builder https://ci.example/self-hosted differs from https://github.com/actions/runner/github-hosted (previous versions 1.1.0)"),
        RuleCase(name: "deny: no inventory (cannot run)", evidence: evidence(provenance: facts()), result: .fail,
                 reason: "cannot evaluate: no inventory or ledger history is available; expected the same source repository and builder as previous versions"),
    ])
    func continuity(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy("source: { continuity: true }\n"), sample.evidence, rule: .sourceContinuity))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    static let buildPolicy = """
    build:
      builders: ["https://github.com/actions/runner/github-hosted"]
      buildTypes: ["https://actions.github.io/buildtypes/**"]
      triggers: { deny: [pull_request_target] }
      pinnedDependencies: true
    """

    @Test("build.builders", arguments: [
        RuleCase(name: "pass", evidence: evidence(provenance: facts()), result: .pass,
                 reason: "builder https://github.com/actions/runner/github-hosted"),
        RuleCase(name: "deny", evidence: evidence(provenance: facts(builder: "https://ci.example/runner")), result: .fail,
                 reason: "expected builder matching https://github.com/actions/runner/github-hosted; found https://ci.example/runner"),
    ])
    func builders(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy(Self.buildPolicy), sample.evidence, rule: .buildBuilders))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("build.buildTypes", arguments: [
        RuleCase(name: "pass", evidence: evidence(provenance: facts()), result: .pass,
                 reason: "build type https://actions.github.io/buildtypes/workflow/v1"),
        RuleCase(name: "deny", evidence: evidence(provenance: facts(buildType: "https://example.com/make")), result: .fail,
                 reason: "expected build type matching https://actions.github.io/buildtypes/**; found https://example.com/make"),
    ])
    func buildTypes(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy(Self.buildPolicy), sample.evidence, rule: .buildTypes))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("build.triggers refuses pull_request_target", arguments: [
        RuleCase(name: "pass", evidence: evidence(provenance: facts(trigger: "push")), result: .pass, reason: "trigger event push"),
        RuleCase(name: "deny", evidence: evidence(provenance: facts(trigger: "pull_request_target")), result: .fail,
                 reason: "expected trigger event not [pull_request_target]; found pull_request_target"),
        RuleCase(name: "deny: unknown trigger", evidence: evidence(provenance: facts(trigger: nil)), result: .fail,
                 reason: "expected trigger event not [pull_request_target]; the provenance and certificate name no trigger event"),
    ])
    func triggers(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy(Self.buildPolicy), sample.evidence, rule: .buildTriggers))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    static let pinned = SLSAResourceDescriptor(uri: "pkg:npm/left-pad@1.3.0",
                                               digest: ["sha256": String(repeating: "ab", count: 32)])
    static let unpinned = SLSAResourceDescriptor(uri: "https://example.com/tool.tar.gz", digest: [:], name: nil)
    static let sha1Only = SLSAResourceDescriptor(uri: "https://example.com/old.zip", digest: ["sha1": String(repeating: "ab", count: 20)])

    @Test("build.pinnedDependencies", arguments: [
        RuleCase(name: "pass", evidence: evidence(provenance: facts(dependencies: [pinned])), result: .pass,
                 reason: "1 resolved dependency, all pinned"),
        RuleCase(name: "deny: no resolved dependencies (nothing to check)", evidence: evidence(provenance: facts()), result: .fail,
                 reason: "expected every resolved dependency pinned by digest; found no resolved dependencies in provenance.intoto.jsonl, so nothing shows what the build used"),
        RuleCase(name: "deny", evidence: evidence(provenance: facts(dependencies: [pinned, unpinned, sha1Only])), result: .fail,
                 reason: "expected every resolved dependency pinned by digest; found 2 not pinned: https://example.com/tool.tar.gz, https://example.com/old.zip"),
    ])
    func pinnedDependencies(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy(Self.buildPolicy), sample.evidence, rule: .buildPinnedDependencies))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("provenance rules report skipped, never pass, when provenance is optional and absent")
    func optionalProvenance() throws {
        let policy = try policy(Self.buildPolicy + "\nartifact:\n  provenance: { required: false }\n")
        let decision = Gate(policy: policy).evaluate(evidence(), now: Clock.now)
        #expect(decision.decision == .allow)
        #expect(decision.rules.allSatisfy { $0.result == .skipped })
    }

    @Test("a check that cannot run warns when the policy says so")
    func unavailableWarns() throws {
        let policy = try policy(Self.sourcePolicy + "\nsettings: { onUnavailable: warn }\n")
        let decision = Gate(policy: policy).evaluate(evidence(), now: Clock.now)
        #expect(decision.decision == .warn)
        #expect(decision.rules.filter { $0.result != .skipped }.map(\.result) == [.warn, .warn])
    }
}
