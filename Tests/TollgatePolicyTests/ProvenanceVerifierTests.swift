import Foundation
import Testing
import TollgateModel
import TollgateSigstore
import TollgateVerify

@Suite("verify-provenance (slsa-verifier equivalent)")
struct ProvenanceVerifierTests {
    static let identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"
    static let issuer = "https://token.actions.githubusercontent.com"

    static func realVerifier() throws -> ProvenanceVerifier {
        let root = try TrustedRoot(json: Array(try Fixtures.data("slsa/trusted_root.production.json")))
        let policy = try IdentityPolicy.certificate(subject: identity, issuer: issuer)
        return ProvenanceVerifier(trust: .identity(policy), trustedRoot: root, now: { Clock.now })
    }

    static let artifact = DigestAlgorithm.sha256.hash(Array("a.txt".utf8))

    @Test("verifies the real SLSA v1 provenance bundle from the sigstore conformance suite")
    func realBundle() async throws {
        let artifact = DigestAlgorithm.sha256.hash(Array(try Fixtures.data("slsa/a.txt")))
        let verdict = try await Self.realVerifier().verify(
            provenance: Array(try Fixtures.data("slsa/happy-path-intoto-in-dsse-v3.sigstore.json")), artifact: artifact,
            expectations: ProvenanceExpectations(sourceURI: "github.com/loosebazooka/aa-test", sourceBranch: "main",
                                                 builderID: "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml"))
        #expect(verdict.verified, "\(verdict.failures)")
        #expect(verdict.checks.map(\.name) == ["signature", "predicate", "source repository", "source branch", "builder id"])
        #expect(verdict.facts?.sourceCommit == "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f")
        #expect(verdict.signer == .identity(issuer: Self.issuer, subject: Self.identity))
    }

    @Test("rejects the real provenance for another repository, tag or artifact", arguments: [
        (ProvenanceExpectations(sourceURI: "github.com/evil/aa-test"), "source repository: expected github.com/evil/aa-test; found github.com/loosebazooka/aa-test"),
        (ProvenanceExpectations(sourceURI: "github.com/loosebazooka/aa-test", sourceTag: "v1.0.0"), "source tag: expected refs/tags/v1.0.0; found refs/heads/main"),
        (ProvenanceExpectations(sourceURI: "github.com/loosebazooka/aa-test", builderID: "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml"),
         "builder id: expected https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml; found https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main"),
    ])
    func realBundleMismatch(_ expectations: ProvenanceExpectations, _ failure: String) async throws {
        let artifact = DigestAlgorithm.sha256.hash(Array(try Fixtures.data("slsa/a.txt")))
        let verdict = try await Self.realVerifier().verify(
            provenance: Array(try Fixtures.data("slsa/happy-path-intoto-in-dsse-v3.sigstore.json")), artifact: artifact,
            expectations: expectations)
        #expect(!verdict.verified)
        #expect(verdict.failures == [failure])
    }

    @Test("rejects the real provenance for a different artifact")
    func wrongArtifact() async throws {
        let verdict = try await Self.realVerifier().verify(
            provenance: Array(try Fixtures.data("slsa/happy-path-intoto-in-dsse-v3.sigstore.json")),
            artifact: DigestAlgorithm.sha256.hash(Array("not a.txt".utf8)),
            expectations: ProvenanceExpectations(sourceURI: "github.com/loosebazooka/aa-test"))
        #expect(!verdict.verified)
        #expect(verdict.checks.map(\.name) == ["signature"])
    }

    static func tollgateProvenance(key: PrivateKey, event: String = "push") throws -> (Digest, [UInt8]) {
        let digest = DigestAlgorithm.sha256.hash(Array("app".utf8))
        let context = BuildContext.fromEnvironment([
            "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/app", "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_SHA": "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f", "GITHUB_REF": "refs/tags/v1.2.0",
            "GITHUB_WORKFLOW_REF": "acme/app/.github/workflows/release.yml@refs/tags/v1.2.0", "GITHUB_EVENT_NAME": event,
            "RUNNER_ENVIRONMENT": "github-hosted", "GITHUB_RUN_ID": "42", "GITHUB_RUN_ATTEMPT": "1",
        ])
        let statement = try ProvenanceGenerator().statement(subjects: [InTotoSubject(name: "app", digest: digest)], context: context)
        let envelope = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [key])
        return (digest, envelope.jsonBytes())
    }

    @Test("generates provenance from GitHub Actions variables and verifies it with the key")
    func ownProvenance() async throws {
        let key = try PrivateKey.generate(.ed25519)
        let (digest, bytes) = try Self.tollgateProvenance(key: key)
        let verifier = ProvenanceVerifier(trust: .keys([key.publicKey]), now: { Clock.now })
        let verdict = await verifier.verify(provenance: bytes, artifact: digest,
                                            expectations: ProvenanceExpectations(sourceURI: "https://github.com/acme/app", sourceTag: "v1.2.0",
                                                                                 builderID: "https://github.com/actions/runner/github-hosted"))
        #expect(verdict.verified, "\(verdict.failures)")
        let facts = try #require(verdict.facts)
        #expect(facts.workflowPath == ".github/workflows/release.yml")
        #expect(facts.triggerEvent == "push")
        #expect(facts.invocationID == "https://github.com/acme/app/actions/runs/42/attempts/1")
    }

    @Test("rejects provenance signed by another key")
    func wrongKey() async throws {
        let (digest, bytes) = try Self.tollgateProvenance(key: try PrivateKey.generate(.ecdsaP256))
        let other = try PrivateKey.generate(.ecdsaP256)
        let verdict = await ProvenanceVerifier(trust: .keys([other.publicKey]), now: { Clock.now })
            .verify(provenance: bytes, artifact: digest, expectations: ProvenanceExpectations(sourceURI: "github.com/acme/app"))
        #expect(!verdict.verified)
        #expect(verdict.checks.count == 1)
    }

    @Test("reads GitLab CI variables")
    func gitlab() throws {
        let context = BuildContext.fromEnvironment([
            "GITLAB_CI": "true", "CI_PROJECT_URL": "https://gitlab.com/acme/app", "CI_COMMIT_SHA": String(repeating: "a", count: 40),
            "CI_COMMIT_TAG": "v2.0.0", "CI_PIPELINE_SOURCE": "push", "CI_SERVER_URL": "https://gitlab.com",
            "CI_JOB_URL": "https://gitlab.com/acme/app/-/jobs/7",
        ])
        let statement = try ProvenanceGenerator().statement(subjects: [InTotoSubject(name: "x", digest: Self.artifact)], context: context)
        let facts = try SLSAProvenance(predicateType: statement.predicateType, predicate: statement.predicate).facts
        #expect(facts.sourceRepository == "gitlab.com/acme/app")
        #expect(facts.sourceRef == "refs/tags/v2.0.0")
        #expect(facts.triggerEvent == "push")
        #expect(facts.workflowPath == ".gitlab-ci.yml")
        #expect(facts.builderID == "https://gitlab.com/gitlab-runner")
    }

    @Test("refuses to generate provenance without a builder, repository or full commit")
    func incompleteContext() {
        #expect(throws: VerifyError.self) {
            _ = try ProvenanceGenerator().statement(subjects: [InTotoSubject(name: "x", digest: Self.artifact)],
                                                    context: BuildContext(repository: "https://github.com/a/b", commit: "abc", builderID: "b"))
        }
    }
}
