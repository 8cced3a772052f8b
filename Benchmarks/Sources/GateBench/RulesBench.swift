import Foundation
import TollgateModel
import TollgatePolicy
import TollgateVerify
import TollgateVerifyTesting

/// Figure 1: `Gate.evaluate` alone, on evidence built once with `EvidenceBuilder` (signatures,
/// provenance, SBOM and scan already verified and weighed, as the collector leaves them).
enum RulesBench {
    static let policyText = """
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: bench }
    source:
      repositories: ["github.com/acme/*"]
      refs: ["refs/tags/v*"]
      requireCommit: true
      continuity: { repository: true, builder: true }
    build:
      builders: ["https://github.com/actions/runner/github-hosted"]
      buildTypes: ["https://actions.github.io/buildtypes/workflow/v1"]
      workflows: [".github/workflows/release.yml"]
      triggers: { deny: [pull_request_target] }
      pinnedDependencies: true
    artifact:
      signature:
        identities:
          - { issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^https://github.com/acme/.+/.github/workflows/release.yml@refs/tags/v.*$" }
      algorithms: { signatures: [ecdsa-p256, ed25519], minimumRSABits: 3072, digests: [sha256] }
      provenance: { required: true, builders: ["https://github.com/**"], sourceRepositories: ["github.com/acme/*"] }
      sbom: { required: true, attested: true }
      vulnerabilities: { maxSeverity: high, remediationDays: { critical: 7, high: 30 }, maxScanAge: 24h, maxDatabaseAge: 24h }
      licenses: { allow: [MIT, Apache-2.0, BSD-3-Clause, BSD-2-Clause, ISC, EPL-2.0, MPL-2.0], deny: [AGPL-3.0-only] }
    deploy: { byDigest: true }
    exceptions:
      - { id: EXC-1, owner: a@acme.example, reason: r, expires: 2026-12-31, match: { advisory: GHSA-0000-0000-0007 } }
      - { id: EXC-2, owner: b@acme.example, reason: r, expires: 2026-12-31, match: { component: "pkg:npm/lib-11" } }
    """

    static let licenses = ["MIT", "Apache-2.0", "BSD-3-Clause", "MIT OR Apache-2.0", "ISC", "(MIT AND BSD-2-Clause)", "EPL-2.0 OR MPL-2.0"]

    static func run(iterations: Int) throws {
        let now = ISO8601DateFormatter().date(from: "2026-06-15T12:00:00Z")!
        let policy = try Policy(yaml: Array(policyText.utf8), file: "bench.yaml")
        let ruleCount = RuleID.allCases.count
        require(policy.enabledRules.count == ruleCount, "expected all \(ruleCount) rules, found \(policy.enabledRules.count)")

        let components = (0..<2000).map { index in
            ComponentEvidence(name: "lib-\(index)", version: "1.\(index % 17).0", purl: "pkg:npm/lib-\(index)@1.\(index % 17).0",
                              license: licenses[index % licenses.count])
        }
        let severities: [Severity?] = [.low, .medium, .high, .medium, .low, nil]
        let findings = (0..<60).map { index in
            EvidenceBuilder.vulnerability(id: "GHSA-0000-0000-\(String(format: "%04d", index))", aliases: ["CVE-2026-\(1000 + index)"],
                                          purl: components[index * 11].purl!, severity: severities[index % severities.count] ?? .low,
                                          suppressedByVEX: index % 10 == 0)
        }
        let digest = DigestAlgorithm.sha256.hash(Array("bench artifact".utf8))
        let facts = ProvenanceFacts(
            slsaVersion: .v1, builderID: "https://github.com/actions/runner/github-hosted",
            buildType: "https://actions.github.io/buildtypes/workflow/v1", sourceRepository: "github.com/acme/app",
            sourceRef: "refs/tags/v1.2.0", sourceCommit: "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f",
            workflowPath: ".github/workflows/release.yml", triggerEvent: "push",
            dependencies: [SLSAResourceDescriptor(uri: "git+https://github.com/acme/app@refs/tags/v1.2.0",
                                                  digest: ["gitCommit": "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f"])])
        let signer = Signer.identity(issuer: "https://token.actions.githubusercontent.com",
                                     subject: "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0")
        let signature = EvidenceBuilder.signature(signer, source: "app.sigstore.json")
        let artifact = ArtifactSubject(digest: digest, name: "app", purl: "pkg:generic/app@1.2.0",
                                       reference: "registry.acme.example/app@\(digest)")
        let history = HistoryEvidence(previousBuilds: [PreviousBuild(version: "1.1.0", sourceRepository: "github.com/acme/app",
                                                                     builderID: "https://github.com/actions/runner/github-hosted")])
        let scannedAt = now.addingTimeInterval(-3600)
        let allowed = EvidenceBuilder.evidence(
            artifact: artifact, signatures: [signature],
            provenance: EvidenceBuilder.provenance(facts, signedBy: signature, source: "provenance.sigstore.json"),
            sbom: EvidenceBuilder.sbom(components, signedBy: signer, source: "sbom.sigstore.json"),
            scan: EvidenceBuilder.scan(findings, scannedAt: scannedAt, databaseImportedAt: now.addingTimeInterval(-7200)),
            history: history)

        // The denying case: an unfamiliar fork, 200 AGPL components and 60 critical findings (inside their
        // remediation window, so each is looked up against the exceptions and given a reason).
        var fork = facts
        fork.sourceRepository = "github.com/acme-fork/app"
        let agpl = components.enumerated().map { index, component in
            index % 10 == 0 ? ComponentEvidence(name: component.name, version: component.version, purl: component.purl, license: "AGPL-3.0-only") : component
        }
        let critical = findings.map { finding in
            EvidenceBuilder.vulnerability(id: finding.id, aliases: finding.aliases, purl: finding.purl, severity: .critical,
                                          suppressedByVEX: finding.suppressedByVEX)
        }
        let denied = EvidenceBuilder.evidence(
            artifact: artifact, signatures: [signature],
            provenance: EvidenceBuilder.provenance(fork, signedBy: signature, source: "provenance.sigstore.json"),
            sbom: EvidenceBuilder.sbom(agpl, signedBy: signer, source: "sbom.sigstore.json"),
            scan: EvidenceBuilder.scan(critical, scannedAt: scannedAt, databaseImportedAt: now.addingTimeInterval(-7200)),
            history: history)

        let gate = Gate(policy: policy)
        print("rules alone (Gate.evaluate on EvidenceBuilder evidence): \(ruleCount) rules, \(components.count) components, \(findings.count) findings, \(iterations) decisions per case")
        for (name, evidence, expected) in [("allow", allowed, Outcome.allow), ("deny", denied, Outcome.deny)] {
            var check = gate.evaluate(evidence, now: now)
            require(check.rules.count == ruleCount, "\(name): \(check.rules.count) findings for \(ruleCount) rules")
            require(check.decision == expected, "\(name): expected \(expected), got \(check.decision): \(check.rules.filter { $0.result != .pass }.map(\.reason))")
            for _ in 0..<50 { check = gate.evaluate(evidence, now: now) }   // warm-up
            var samples = Samples(capacity: iterations)
            for _ in 0..<iterations {
                let start = ticks()
                let decision = gate.evaluate(evidence, now: now)
                let elapsed = ticks() - start
                if decision.rules.count != ruleCount { fatalError("unexpected rule count") }
                samples.append(nanoseconds: elapsed)
            }
            let notPassing = check.rules.filter { $0.result != .pass }.map { "\($0.rule.rawValue)=\($0.result.rawValue)" }
            print("  \(name): decision \(check.decision.rawValue)\(notPassing.isEmpty ? "" : " (" + notPassing.joined(separator: " ") + ")")")
            print("  \(name): \(samples.summary) (goal < 1 ms)")
        }
    }
}
