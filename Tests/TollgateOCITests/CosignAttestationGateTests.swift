import Foundation
import Testing
import TollgateModel
@testable import TollgateOCI
import TollgatePolicy
import TollgateSigstore
import TollgateVerify

/// The real keyless cosign `.att` (Fixtures/SOURCES.md) through the gate: found in the registry,
/// verified by the collector, and weighed against the provenance signers the policy trusts, as
/// any attestation given as a file.
@Suite("A real keyless cosign attestation in the registry is trusted provenance only for the signer the policy names")
struct CosignAttestationGateTests {
    static func policy(subject: String) throws -> Policy {
        let text = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: cosign-att }
            artifact:
              provenance:
                required: true
                signers:
                  identities:
                    - issuer: https://token.actions.githubusercontent.com
                      subjectRegExp: "\(subject)"
            """
        return try Policy(yaml: Array(text.utf8), file: "policy.yaml")
    }

    static func decide(_ policy: Policy) async throws -> (Evidence, Finding?) {
        let found = try await CosignCompatibilityTests.discovered()
        let repository = try Repository(parsing: "ghcr.io/zlabjp/slsa-provenance-test")
        let at = CosignCompatibilityTests.attestedAt
        var inputs = EvidenceCollector.Inputs(artifact: ArtifactSubject(digest: CosignCompatibilityTests.attestedImage, name: repository.description))
        inputs.image = ImageEvidence(repository: repository, digest: CosignCompatibilityTests.attestedImage, isIndex: false, found: found)
        let evidence = await EvidenceCollector(policy: policy, trustedRoot: try TrustedRoot.publicGoodProduction(), now: { at }).collect(inputs)
        let decision = Gate(policy: policy).evaluate(evidence, now: at)
        return (evidence, decision.rules.first { $0.rule == .artifactProvenance })
    }

    @Test("trusted: the slsa-github-generator identity's SLSA v0.2 provenance passes artifact.provenance")
    func trusted() async throws {
        let (evidence, finding) = try await Self.decide(try Self.policy(subject: CosignCompatibilityTests.generator.replacingOccurrences(of: "\\", with: "\\\\")))
        #expect(evidence.provenance != nil, "\(evidence.problems)")
        #expect(finding?.result == .pass, "\(finding?.reason ?? "no finding")")
    }

    @Test("untrusted: the same attestation under a policy naming another workflow is not provenance, and the rule denies")
    func untrusted() async throws {
        let (evidence, finding) = try await Self.decide(try Self.policy(subject: "^https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v.*$"))
        #expect(evidence.provenance == nil)
        #expect(evidence.untrustedProvenance.count == 1, "\(evidence.problems)")
        #expect(evidence.problems.contains { $0.description.contains("not a trusted provenance signer") }, "\(evidence.problems)")
        #expect(finding?.result == .fail)
    }
}
