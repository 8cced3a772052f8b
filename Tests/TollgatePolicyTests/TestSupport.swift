import Foundation
import TollgateModel
import TollgatePolicy
import TollgateVerify
import TollgateVerifyTesting
import TollgateVerifyTesting

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

/// The release identity as policies and findings name it.
let trustedRelease = "issuer \"\(releaseIssuer)\" subject \"\(releaseSubject)\""

/// Builds a policy from YAML written in the test (the header is added). Unless the body has its own
/// `signature:` block, the release identity is trusted for provenance, SBOMs, scans and VEX (and no
/// signature rule is added), so hand-built provenance and SBOMs count.
func policy(_ body: String) throws -> Policy {
    var body = body
    let injected = !body.contains("signature:")
    if injected {
        let trust = "  signature: { required: false, identities: [{ issuer: \"\(releaseIssuer)\", subject: \"\(releaseSubject)\" }] }\n"
        if let range = body.range(of: "artifact:\n") {
            body.replaceSubrange(range, with: "artifact:\n" + trust)
        } else {
            body += (body.isEmpty || body.hasSuffix("\n") ? "" : "\n") + "artifact:\n" + trust
        }
    }
    let text = "apiVersion: tollgate.dev/v1\nkind: Policy\nmetadata: { name: test }\n" + body
    var parsed = try Policy(yaml: Array(text.utf8), file: "test.yaml")
    if injected, let release = parsed.artifact.signature?.signers {
        var artifact = parsed.artifact
        artifact.signature = nil
        if var rule = artifact.provenance { rule.signers = rule.signers ?? release; artifact.provenance = rule }
        if var rule = artifact.sbom { rule.signers = rule.signers ?? release; artifact.sbom = rule }
        if var rule = artifact.vulnerabilities {
            rule.scanners = rule.scanners ?? release
            rule.vexAuthors = rule.vexAuthors ?? release
            artifact.vulnerabilities = rule
        }
        parsed.artifact = artifact
    }
    return parsed
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
    EvidenceBuilder.signature(.identity(issuer: issuer, subject: subject), algorithm: "ecdsa-p256", source: "app.sigstore.json")
}

/// Hand-built evidence for rule tests. Provenance and the SBOM are vouched for by the release
/// identity, which the tests' policies trust; trust itself is tested through the collector.
func evidence(signatures: [VerifiedSignature] = [], provenance: ProvenanceFacts? = nil,
              sbom: SBOMEvidence? = nil, scan: ScanEvidence? = nil, history: HistoryEvidence? = nil,
              reference: String? = nil) -> Evidence {
    EvidenceBuilder.evidence(
        artifact: ArtifactSubject(digest: artifactDigest, name: "app", purl: "pkg:generic/app@1.2.0", reference: reference),
        signatures: signatures,
        provenance: provenance.map { EvidenceBuilder.provenance($0, signedBy: keylessSignature(), subjects: ["pkg:generic/app@1.2.0"]) },
        sbom: sbom, scan: scan, history: history)
}

func sbom(_ components: [ComponentEvidence]) -> SBOMEvidence {
    EvidenceBuilder.sbom(components, signedBy: .identity(issuer: releaseIssuer, subject: releaseSubject))
}

func scan(_ findings: [VulnerabilityEvidence], at: Date = Clock.now) -> ScanEvidence {
    EvidenceBuilder.scan(findings, scannedAt: at, source: "scan.json")
}

/// Evaluates one rule and returns its finding.
func finding(_ policy: Policy, _ evidence: Evidence, now: Date = Clock.now, rule: RuleID) -> Finding? {
    Gate(policy: policy).evaluate(evidence, now: now).rules.first { $0.rule == rule }
}
