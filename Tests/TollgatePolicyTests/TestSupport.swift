import Foundation
import TollgateModel
import TollgatePolicy
import TollgateVerify

/// Fixed instants: tests never read the wall clock.
enum Clock {
    static func at(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }
    static let now = at("2026-06-15T12:00:00Z")
}

enum Fixtures {
    static var root: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }
    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(path))
    }
}

/// Builds a policy from YAML written in the test (the header is added).
func policy(_ body: String) throws -> Policy {
    let text = "apiVersion: tollgate.dev/v1\nkind: Policy\nmetadata: { name: test }\n" + body
    return try Policy(yaml: Array(text.utf8), file: "test.yaml")
}

let artifactDigest = DigestAlgorithm.sha256.hash(Array("artifact".utf8))

let releaseIssuer = "https://token.actions.githubusercontent.com"
let releaseSubject = "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.0"

func facts(repository: String? = "github.com/acme/app", ref: String? = "refs/tags/v1.2.0",
           builder: String = "https://github.com/actions/runner/github-hosted",
           buildType: String = "https://actions.github.io/buildtypes/workflow/v1",
           trigger: String? = "push", dependencies: [SLSAResourceDescriptor] = [],
           version: ProvenanceFacts.SLSAVersion = .v1) -> ProvenanceFacts {
    ProvenanceFacts(slsaVersion: version, builderID: builder, buildType: buildType, sourceRepository: repository,
                    sourceRef: ref, sourceCommit: "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f",
                    workflowPath: ".github/workflows/release.yml", triggerEvent: trigger, dependencies: dependencies)
}

func keylessSignature(subject: String = releaseSubject, issuer: String = releaseIssuer) -> VerifiedSignature {
    VerifiedSignature(signer: .identity(issuer: issuer, subject: subject), algorithm: "ecdsa-p256", source: "app.sigstore.json")
}

func evidence(signatures: [VerifiedSignature] = [], provenance: ProvenanceFacts? = nil, signedProvenance: Bool = true,
              sbom: SBOMEvidence? = nil, scan: ScanEvidence? = nil, history: HistoryEvidence? = nil,
              reference: String? = nil) -> Evidence {
    Evidence(
        artifact: ArtifactSubject(digest: artifactDigest, name: "app", purl: "pkg:generic/app@1.2.0", reference: reference),
        signatures: signatures,
        provenance: provenance.map {
            ProvenanceEvidence(facts: $0, signedBy: signedProvenance ? .identity(issuer: releaseIssuer, subject: releaseSubject) : nil,
                               source: "provenance.intoto.jsonl")
        },
        sbom: sbom, scan: scan, history: history)
}

func sbom(_ components: [ComponentEvidence], attested: Bool = true) -> SBOMEvidence {
    SBOMEvidence(format: "CycloneDX 1.5", components: components, attested: attested, source: "app.cdx.json")
}

func scan(_ findings: [VulnerabilityEvidence], at: Date = Clock.now) -> ScanEvidence {
    ScanEvidence(scannedAt: at, findings: findings, source: "scan.json")
}

/// Evaluates one rule and returns its finding.
func finding(_ policy: Policy, _ evidence: Evidence, now: Date = Clock.now, rule: RuleID) -> Finding? {
    Gate(policy: policy).evaluate(evidence, now: now).rules.first { $0.rule == rule }
}
