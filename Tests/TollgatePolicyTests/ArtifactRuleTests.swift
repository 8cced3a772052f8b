import Foundation
import Testing
import TollgateModel
import TollgatePolicy
import TollgateVerify
import TollgateVerifyTesting

@Suite("Artifact rules: signature, algorithms, provenance, SBOM, deploy")
struct ArtifactRuleTests {
    static let signaturePolicy = """
    artifact:
      signature:
        keys: ["SHA256:release-key"]
        identities:
          - issuer: https://token.actions.githubusercontent.com
            subjectRegExp: "^https://github.com/acme/.+/.github/workflows/release.yml@refs/tags/v.*$"
    """

    static let expectedSigners = #"a verified signature from one of key SHA256:release-key, issuer "https://token.actions.githubusercontent.com" subject /^https://github.com/acme/.+/.github/workflows/release.yml@refs/tags/v.*$/"#

    @Test("artifact.signature: keys and keyless identities", arguments: [
        RuleCase(name: "pass: keyless identity", evidence: evidence(signatures: [keylessSignature()]), result: .pass,
                 reason: "1 trusted signer: \(releaseSubject) (issuer \(releaseIssuer))"),
        RuleCase(name: "pass: trusted key",
                 evidence: evidence(signatures: [EvidenceBuilder.signature(.key(id: "SHA256:release-key"), algorithm: "ed25519", source: "app.sig")]),
                 result: .pass, reason: "1 trusted signer: key SHA256:release-key"),
        RuleCase(name: "deny: unsigned", evidence: evidence(), result: .fail,
                 reason: "expected \(expectedSigners); found no verified signature"),
        RuleCase(name: "deny: a fork's workflow",
                 evidence: evidence(signatures: [keylessSignature(subject: "https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1")]),
                 result: .fail,
                 reason: "expected \(expectedSigners); found signatures only from untrusted signers: https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1 (issuer \(releaseIssuer))"),
        RuleCase(name: "deny: right subject, wrong issuer",
                 evidence: evidence(signatures: [keylessSignature(issuer: "https://accounts.google.com")]),
                 result: .fail,
                 reason: "expected \(expectedSigners); found signatures only from untrusted signers: \(releaseSubject) (issuer https://accounts.google.com)"),
    ])
    func signature(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy(Self.signaturePolicy), sample.evidence, rule: .artifactSignature))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("artifact.signature: a threshold needs distinct signers")
    func threshold() throws {
        let policy = try policy("artifact:\n  signature: { keys: [a, b], threshold: 2 }\n")
        let twice = evidence(signatures: [
            EvidenceBuilder.signature(.key(id: "a"), algorithm: "ed25519", source: "1.sig"),
            EvidenceBuilder.signature(.key(id: "a"), algorithm: "ed25519", source: "2.sig"),
        ])
        let found = try #require(finding(policy, twice, rule: .artifactSignature))
        #expect(found.result == .fail)
        #expect(found.reason == "expected 2 trusted signers from one of key a, key b; found 1 trusted signer: key a")
    }

    static let rsa2048 = EvidenceBuilder.signature(.key(id: "k"), algorithm: "rsa-pss-sha256", keyBits: 2048, source: "rsa.sig")
    static let rsa4096 = EvidenceBuilder.signature(.key(id: "k"), algorithm: "rsa-pss-sha256", keyBits: 4096, source: "rsa.sig")

    @Test("artifact.algorithms: minimums", arguments: [
        RuleCase(name: "pass", evidence: evidence(signatures: [keylessSignature(), rsa4096]), result: .pass,
                 reason: "2 signatures and the sha256 digest meet the minimums"),
        RuleCase(name: "deny: short RSA key", evidence: evidence(signatures: [rsa2048]), result: .fail,
                 reason: "expected signature algorithms in [ecdsa-p256, rsa], RSA keys of at least 3072 bits, digest algorithm in [sha256, sha512]; found rsa.sig uses a 2048-bit RSA key"),
        RuleCase(name: "deny: algorithm not listed",
                 evidence: evidence(signatures: [EvidenceBuilder.signature(.key(id: "k"), algorithm: "ed25519", source: "ed.sig")]),
                 result: .fail,
                 reason: "expected signature algorithms in [ecdsa-p256, rsa], RSA keys of at least 3072 bits, digest algorithm in [sha256, sha512]; found ed.sig uses ed25519"),
    ])
    func algorithms(_ sample: RuleCase) throws {
        let policy = try policy("artifact:\n  algorithms: { signatures: [ecdsa-p256, rsa], minimumRSABits: 3072, digests: [sha256, sha512] }\n")
        let found = try #require(finding(policy, sample.evidence, rule: .artifactAlgorithms))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("artifact.provenance: present, signed, accepted version", arguments: [
        RuleCase(name: "pass", evidence: evidence(provenance: facts()), result: .pass,
                 reason: "SLSA v1 provenance signed by \(releaseSubject) (issuer \(releaseIssuer))"),
        RuleCase(name: "deny: missing", evidence: evidence(), result: .fail,
                 reason: "expected SLSA provenance v1 signed by \(trustedRelease); found no trusted provenance"),
        RuleCase(name: "deny: old version", evidence: evidence(provenance: facts(version: .v0_2)), result: .fail,
                 reason: "expected SLSA provenance v1 signed by \(trustedRelease); found SLSA v0.2 provenance"),
    ])
    func provenance(_ sample: RuleCase) throws {
        let policy = try policy("artifact:\n  provenance: { versions: [v1], builders: [\"https://github.com/**\"], sourceRepositories: [\"github.com/acme/*\"] }\n")
        let found = try #require(finding(policy, sample.evidence, rule: .artifactProvenance))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("artifact.provenance builders and sourceRepositories (design-sketch shorthand)")
    func provenanceShorthand() throws {
        let policy = try policy("artifact:\n  provenance: { builders: [\"https://github.com/**\"], sourceRepositories: [\"github.com/acme/*\"] }\n")
        let decision = Gate(policy: policy).evaluate(evidence(provenance: facts(repository: "github.com/evil/app")), now: Clock.now)
        #expect(decision.rules.map(\.result) == [.pass, .pass, .fail])
        #expect(decision.rules[2].reason == "expected source repository matching github.com/acme/*; found github.com/evil/app")
    }

    @Test("artifact.sbom: required and attested", arguments: [
        RuleCase(name: "pass", evidence: evidence(sbom: sbom([ComponentEvidence(name: "a")])), result: .pass,
                 reason: "CycloneDX 1.5 SBOM with 1 components (statement signed by \(releaseSubject) (issuer \(releaseIssuer)))"),
        RuleCase(name: "deny: missing", evidence: evidence(), result: .fail,
                 reason: "expected an SBOM attested by \(trustedRelease) with at least 1 components; found no trusted SBOM"),
        RuleCase(name: "deny: no components", evidence: evidence(sbom: sbom([])), result: .fail,
                 reason: "expected an SBOM attested by \(trustedRelease) with at least 1 components; found CycloneDX 1.5 SBOM with 0 components (statement signed by \(releaseSubject) (issuer \(releaseIssuer)))"),
    ])
    func sbomRule(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy("artifact:\n  sbom: { required: true }\n"), sample.evidence, rule: .artifactSBOM))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("deploy.byDigest", arguments: [
        RuleCase(name: "deny: no reference (cannot run)", evidence: evidence(), result: .fail,
                 reason: "cannot evaluate: no deployment reference was given (--reference name@sha256:…); expected a reference by digest (name@\(artifactDigest))"),
        RuleCase(name: "pass: name@digest", evidence: evidence(reference: "registry.example/app@\(artifactDigest)"), result: .pass,
                 reason: "reference registry.example/app@\(artifactDigest)"),
        RuleCase(name: "deny: tag", evidence: evidence(reference: "registry.example/app:1.2.0"), result: .fail,
                 reason: "expected a reference by digest (name@\(artifactDigest)); found reference by tag registry.example/app:1.2.0"),
        RuleCase(name: "deny: another digest", evidence: evidence(reference: "registry.example/app@sha256:\(String(repeating: "0", count: 64))"),
                 result: .fail,
                 reason: "expected a reference by digest (name@\(artifactDigest)); found reference registry.example/app@sha256:\(String(repeating: "0", count: 64)) names a different digest"),
    ])
    func byDigest(_ sample: RuleCase) throws {
        let found = try #require(finding(try policy("deploy: { byDigest: true }\n"), sample.evidence, rule: .deployByDigest))
        #expect(found.result == sample.result)
        #expect(found.reason == sample.reason)
    }

    @Test("a rule with action warn warns instead of denying")
    func warnAction() throws {
        let policy = try policy("deploy: { byDigest: true, action: warn }\n")
        let decision = Gate(policy: policy).evaluate(evidence(reference: "app:latest"), now: Clock.now)
        #expect(decision.decision == .warn)
        #expect(decision.exitStatus == .success)
    }
}
