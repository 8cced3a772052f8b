import Foundation
import Testing
import TollgateInventory
import TollgateModel
import TollgatePolicy
import TollgateStore
import TollgateStoreSQLite
import TollgateVerify
import TollgateVerifyTesting

@Suite("Release review, inventory and policy test fixtures")
struct ReviewAndInventoryTests {
    static let digest = artifactDigest
    static let other = DigestAlgorithm.sha256.hash(Array("other".utf8))

    /// The tag moved from `other` to `digest`; `digest` runs in production.
    static func records() -> ReviewRecords {
        let tags = TagHistory.group([
            TagObservationRecord(repository: "registry.example/app", tag: "1.2.0", digest: other, time: Clock.at("2026-06-01T00:00:00Z")),
            TagObservationRecord(repository: "registry.example/app", tag: "1.2.0", digest: digest, time: Clock.at("2026-06-02T00:00:00Z")),
        ])
        let deployment = InventoryDeploymentRow(environment: "production", cluster: "eu-1", namespace: "shop", service: "app",
                                                reference: nil, digest: digest, firstSeen: Clock.at("2026-06-03T00:00:00Z"),
                                                lastSeen: Clock.at("2026-06-04T00:00:00Z"), running: true)
        return ReviewRecords(tags: tags, deployments: [deployment])
    }

    @Test("answers the release-review questions with evidence")
    func review() throws {
        let policy = try policy("artifact:\n  signature: { identities: [{ issuer: \"\(releaseIssuer)\", subject: \"\(releaseSubject)\" }] }\n")
        let review = ReleaseReview(evidence: evidence(signatures: [keylessSignature()], provenance: facts()),
                                   records: Self.records(), policy: policy)
        let answers = Dictionary(uniqueKeysWithValues: review.items.map { ($0.id, $0.answer) })
        #expect(answers == ["traced": .yes, "credentials": .yes, "untrusted-code": .no, "tag-overwrite": .yes,
                            "unsigned-rejected": .yes, "deployments": .yes])
        let tags = try #require(review.items.first { $0.id == "tag-overwrite" })
        #expect(tags.good == false)
        #expect(review.items.first { $0.id == "deployments" }?.evidence == ["production/eu-1/shop app 2026-06-03T00:00:00Z … 2026-06-04T00:00:00Z (running)"])
    }

    @Test("says unknown or no, never yes, when evidence is missing; flags pull_request_target and long-lived keys")
    func reviewUnknowns() {
        let review = ReleaseReview(evidence: evidence(signatures: [EvidenceBuilder.signature(.key(id: "k"), algorithm: "ed25519", source: "s")],
                                                      provenance: facts(trigger: "pull_request_target")),
                                   records: nil, policy: nil)
        let answers = Dictionary(uniqueKeysWithValues: review.items.map { ($0.id, $0.answer) })
        #expect(answers == ["traced": .yes, "credentials": .no, "untrusted-code": .yes, "tag-overwrite": .unknown,
                            "unsigned-rejected": .unknown, "deployments": .no])
    }

    @Test("each release-review question can answer no from evidence")
    func everyQuestionAnswersNo() throws {
        // Traced: trusted provenance without a commit or workflow.  Credentials: a long-lived key signed.
        // Untrusted code: a push-triggered build with everything pinned.  Tag overwrite: production deploys by digest.
        // Unsigned rejected: the policy does not require a signature.  Deployments: the inventory has none.
        let lax = try policy("artifact:\n  signature: { required: false, keys: [k] }\ndeploy: { byDigest: true }\n")
        let untraced = facts(trigger: "push")
        let traced = ProvenanceFacts(slsaVersion: .v1, builderID: untraced.builderID, buildType: untraced.buildType,
                                     sourceRepository: untraced.sourceRepository, sourceRef: untraced.sourceRef,
                                     triggerEvent: "push")
        let review = ReleaseReview(evidence: evidence(signatures: [EvidenceBuilder.signature(.key(id: "k"), algorithm: "ed25519", source: "s")],
                                                      provenance: traced),
                                   records: ReviewRecords(tags: [], deployments: []), policy: lax)
        let answers = Dictionary(uniqueKeysWithValues: review.items.map { ($0.id, $0.answer) })
        #expect(answers == ["traced": .no, "credentials": .no, "untrusted-code": .no, "tag-overwrite": .no,
                            "unsigned-rejected": .no, "deployments": .no])
        #expect(review.items.first { $0.id == "deployments" }?.evidence.first?.contains("records no deployment") == true)
    }

    @Test("continuity reads previous versions from the inventory, from trusted provenance only")
    func continuityFromInventory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try InventoryStoreSQLite(path: directory.appendingPathComponent("inventory.sqlite").path)
        try await store.prepare()
        let forged = DigestAlgorithm.sha256.hash(Array("forged".utf8))
        var batch = InventoryBatch()
        batch.artifacts = [
            InventoryArtifactRecord(digest: Self.other, name: "app", version: "1.1.0", purl: "pkg:generic/app@1.1.0", time: Clock.at("2026-01-01T00:00:00Z")),
            InventoryArtifactRecord(digest: forged, name: "app", version: "1.1.1", purl: "pkg:generic/app@1.1.1", time: Clock.at("2026-02-01T00:00:00Z")),
        ]
        batch.provenance = [
            InventoryProvenanceRecord(artifact: Self.other, source: .signedStatement, vouchedBy: "key k", repository: "github.com/acme/app",
                                      builder: "https://github.com/actions/runner/github-hosted", time: Clock.at("2026-01-01T00:00:00Z")),
            // Self-asserted: must not become the "usual" repository the continuity rule compares with.
            InventoryProvenanceRecord(artifact: forged, source: .selfAsserted, vouchedBy: "forged.intoto.json", repository: "github.com/acme-fork/app",
                                      builder: "https://ci.evil.example", time: Clock.at("2026-02-01T00:00:00Z")),
        ]
        batch.findings = [InventoryFindingRecord(advisory: "GHSA-x", purl: "pkg:npm/left-pad@1.3.0", time: Clock.now)]
        try await store.apply(batch)
        let history = try await HistoryEvidence(inventory: store, artifact: ArtifactSubject(digest: Self.digest, name: "app", purl: "pkg:generic/app@1.2.0"),
                                                findings: [])
        #expect(history.previousBuilds.map(\.sourceRepository) == ["github.com/acme/app"])
        let found = try #require(finding(try policy("source: { continuity: true }\n"),
                                         evidence(provenance: facts(repository: "github.com/acme-fork/app"), history: history),
                                         rule: .sourceContinuity))
        #expect(found.result == .fail)
    }

    @Test("runs the shipped policy test fixtures")
    func shippedFixtures() throws {
        let policy = try Policy(yaml: Array(try Fixtures.data("policy/policy.yaml")), file: "policy.yaml")
        let text = String(decoding: try Fixtures.data("policy/release.test.yaml"), as: UTF8.self)
        let runner = PolicyTestRunner()
        let results = runner.run(try runner.parse(text, file: "release.test.yaml"), policy: policy, file: "release.test.yaml")
        #expect(results.count >= 4)
        for result in results { #expect(result.passed, "\(result.name): \(result.failures)") }
    }

    @Test("a policy test reports what differed")
    func failingFixture() throws {
        let runner = PolicyTestRunner()
        let fixture = try runner.parse("""
        now: 2026-06-15T12:00:00Z
        cases:
          - name: expects allow but the artifact is unsigned
            evidence: { artifact: { name: app } }
            expect: { decision: allow, rules: { artifact.signature: pass } }
        """, file: "t.yaml")
        let results = runner.run(fixture, policy: try policy("artifact:\n  signature: { keys: [k] }\n"), file: "t.yaml")
        #expect(results.first?.passed == false)
        #expect(results.first?.failures.first == "decision: expected allow, got deny (artifact.signature=fail)")
    }
}
