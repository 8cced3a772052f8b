// GateBench: one gate decision for a policy enabling all 20 rules, with an SBOM of 2,000
// components and a scan with 60 findings; signature and provenance already verified and parsed
// (the `Evidence` is built once, as the server holds it). Goal: a decision in under 1 ms.
// See docs/benchmarks.md.
//
//   GateBench [ITERATIONS]     (default 2000) prints the median, p90 and p99 per decision
import Foundation
import TollgateModel
import TollgatePolicy
import TollgateVerify

let policyText = """
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
  vulnerabilities: { maxSeverity: high, remediationDays: { critical: 7, high: 30 }, maxScanAge: 24h }
  licenses: { allow: [MIT, Apache-2.0, BSD-3-Clause, BSD-2-Clause, ISC, EPL-2.0, MPL-2.0], deny: [AGPL-3.0-only] }
deploy: { byDigest: true }
exceptions:
  - { id: EXC-1, owner: a@acme.example, reason: r, expires: 2026-12-31, match: { advisory: GHSA-0000-0000-0007 } }
  - { id: EXC-2, owner: b@acme.example, reason: r, expires: 2026-12-31, match: { component: "pkg:npm/lib-11" } }
"""

let now = ISO8601DateFormatter().date(from: "2026-06-15T12:00:00Z")!
let policy = try Policy(yaml: Array(policyText.utf8), file: "bench.yaml")
precondition(policy.enabledRules.count == 20, "expected 20 rules, found \(policy.enabledRules.count)")

let licenses = ["MIT", "Apache-2.0", "BSD-3-Clause", "MIT OR Apache-2.0", "ISC", "(MIT AND BSD-2-Clause)", "EPL-2.0 OR MPL-2.0"]
let components = (0..<2000).map { index in
    ComponentEvidence(name: "lib-\(index)", version: "1.\(index % 17).0", purl: "pkg:npm/lib-\(index)@1.\(index % 17).0",
                      license: licenses[index % licenses.count])
}
let severities: [Severity?] = [.low, .medium, .high, .medium, .low, nil]
let findings = (0..<60).map { index in
    VulnerabilityEvidence(id: "GHSA-0000-0000-\(String(format: "%04d", index))", aliases: ["CVE-2026-\(1000 + index)"],
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
var evidence = Evidence(
    artifact: ArtifactSubject(digest: digest, name: "app", purl: "pkg:generic/app@1.2.0"),
    signatures: [VerifiedSignature(signer: signer, algorithm: "ecdsa-p256", source: "app.sigstore.json")],
    provenance: ProvenanceEvidence(facts: facts, signedBy: signer, source: "provenance.sigstore.json"),
    sbom: SBOMEvidence(format: "CycloneDX 1.5", components: components, attested: true, source: "sbom.sigstore.json"),
    scan: ScanEvidence(scannedAt: now.addingTimeInterval(-3600), findings: findings, source: "scan.json"),
    history: HistoryEvidence(previousBuilds: [PreviousBuild(version: "1.1.0", sourceRepository: "github.com/acme/app",
                                                            builderID: "https://github.com/actions/runner/github-hosted")]))

let gate = Gate(policy: policy)
let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2000 : 2000

/// A denying case too: an unfamiliar fork, 200 AGPL components and 60 findings above the maximum.
var denied = evidence
denied.provenance?.facts.sourceRepository = "github.com/acme-fork/app"
denied.sbom = SBOMEvidence(format: "CycloneDX 1.5", components: components.enumerated().map { index, component in
    index % 10 == 0 ? ComponentEvidence(name: component.name, version: component.version, purl: component.purl, license: "AGPL-3.0-only") : component
}, attested: true, source: "sbom.sigstore.json")
denied.scan = ScanEvidence(scannedAt: now.addingTimeInterval(-3600), findings: findings.map { finding in
    var copy = finding
    copy.severity = .critical
    return copy
}, source: "scan.json")

func measure(_ name: String, _ evidence: Evidence) -> [Double] {
    var check = gate.evaluate(evidence, now: now)
    precondition(check.rules.count == 20)
    for _ in 0..<50 { check = gate.evaluate(evidence, now: now) }   // warm-up
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    for _ in 0..<iterations {
        let start = DispatchTime.now().uptimeNanoseconds
        let decision = gate.evaluate(evidence, now: now)
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        if decision.rules.count != 20 { fatalError("unexpected rule count") }
        samples.append(Double(elapsed) / 1e6)
    }
    let failing = check.rules.filter { $0.result != .pass }.map { "\($0.rule.rawValue)=\($0.result.rawValue)" }
    print("\(name): decision \(check.decision.rawValue)\(failing.isEmpty ? "" : " (" + failing.joined(separator: " ") + ")")")
    return samples.sorted()
}

func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }

print("GateBench: 20 rules, \(components.count) components, \(findings.count) findings, \(iterations) decisions per case")
for (name, value) in [("allow", evidence), ("deny", denied)] {
    let samples = measure(name, value)
    print(String(format: "%@: median %.3f ms, p90 %.3f ms, p99 %.3f ms (goal < 1 ms)", name, percentile(samples, 0.5),
                 percentile(samples, 0.9), percentile(samples, 0.99)))
}
