import Foundation
import Testing
import TollgateAudit
import TollgateModel
import TollgatePolicy
import TollgateStore
import TollgateVerify

/// End to end: `tollgate audit --attest` signs what it found about a commit; the gate reads it, from a
/// trusted auditor, for the provenance's source commit, and denies when it cannot.
@Suite struct SourceAuditGateTests {
    static let commit = "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f"
    static let otherCommit = "0123456789abcdef0123456789abcdef01234567"
    static let releaseWorkflow = """
        name: release
        on:
          push:
            tags: ["v*"]
        permissions: {}
        jobs:
          build:
            runs-on: ubuntu-latest
            permissions:
              contents: read
            steps:
              - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
                with:
                  persist-credentials: false
              - run: make
        """

    struct World {
        let auditor: PrivateKey
        let stranger: PrivateKey
        let builder: PrivateKey
        let artifact = ArtifactSubject(digest: DigestAlgorithm.sha256.hash(Array("release artifact\n".utf8)), name: "app.tar.gz")
        let provenance: EvidenceInput

        init(event: String? = "push") throws {
            auditor = try PrivateKey.generate(.ecdsaP256)
            stranger = try PrivateKey.generate(.ecdsaP256)
            builder = try PrivateKey.generate(.ecdsaP256)
            let statement = try ProvenanceGenerator().statement(
                subjects: [InTotoSubject(name: "app.tar.gz", digest: artifact.digest)],
                context: BuildContext(platform: .other, repository: "https://github.com/acme/app", commit: SourceAuditGateTests.commit,
                                      ref: "refs/tags/v1.0.0", builderID: "https://github.com/acme/app/builder", event: event))
            let envelope = try DSSE.sign(payload: statement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [builder])
            provenance = EvidenceInput(name: "app.intoto.json", bytes: envelope.jsonBytes())
        }

        func policy(auditors: [PrivateKey]? = nil, threshold: Int = 1) throws -> Policy {
            let keys = (auditors ?? [auditor]).map { "\"\($0.publicKey.keyID)\"" }.joined(separator: ", ")
            let yaml = """
                apiVersion: tollgate.dev/v1
                kind: Policy
                metadata: { name: source-audit }
                source:
                  auditors: { keys: [\(keys)], threshold: \(threshold) }
                  branchProtection: { minReviews: 2, codeOwnerReview: true, dismissStale: true }
                  workflowOwners: true
                build:
                  oidcCredentials: true
                  pinnedActions: true
                  untrustedCodeIsolated: true
                artifact:
                  provenance: { required: true, signers: { keys: ["\(builder.publicKey.keyID)"] } }
                """
            return try Policy(yaml: Array(yaml.utf8), file: "policy.yaml")
        }

        /// A checkout with `workflow`, CODEOWNERS and the recommended settings, audited and signed by `key`.
        func audit(workflow: String, commit: String = SourceAuditGateTests.commit, key: PrivateKey) throws -> EvidenceInput {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-gate-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            try FileManager.default.createDirectory(at: root.appendingPathComponent(".github/workflows"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: root.appendingPathComponent(".tollgate/settings"), withIntermediateDirectories: true)
            try Data(workflow.utf8).write(to: root.appendingPathComponent(".github/workflows/release.yml"))
            try Data("/.github/ @acme/release\n/.tollgate/ @acme/security\n".utf8).write(to: root.appendingPathComponent(".github/CODEOWNERS"))
            for name in ["repository", "ruleset-main", "ruleset-tags", "organization", "workflow-permissions"] {
                try Data(AuditFixture.bytes("settings/good/\(name).json")).write(to: root.appendingPathComponent(".tollgate/settings/\(name).json"))
            }
            let report = try SourceAuditor().audit(paths: [root.path], minimumApprovals: 2)
            let predicate = SourceAuditPredicate(report: report, commit: commit, repository: "git+https://github.com/acme/app",
                                                 auditedAt: "2026-12-05T12:00:00Z", toolVersion: "test")
            let envelope = try DSSE.sign(payload: predicate.statement().jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [key])
            return EvidenceInput(name: "source-audit.json", bytes: envelope.jsonBytes())
        }

        func evidence(policy: Policy, audits: [EvidenceInput]) async -> Evidence {
            var inputs = EvidenceCollector.Inputs(artifact: artifact)
            inputs.attestations = [provenance]
            inputs.sourceAudits = audits
            let keys = [auditor, stranger, builder].map(\.publicKey)
            return await EvidenceCollector(policy: policy, keys: keys, now: { Date() }).collect(inputs)
        }

        func decide(audits: [EvidenceInput]) async throws -> Decision {
            let policy = try policy()
            return Gate(policy: policy).evaluate(await evidence(policy: policy, audits: audits), now: Date())
        }
    }

    static let auditRules: [RuleID] = [.sourceBranchProtection, .sourceWorkflowOwners, .buildOIDCCredentials, .buildPinnedActions,
                                       .buildUntrustedCodeIsolated]

    private func results(_ decision: Decision) -> [RuleID: FindingResult] {
        Dictionary(uniqueKeysWithValues: decision.rules.map { ($0.rule, $0.result) })
    }

    @Test("a clean audit of the source commit by a trusted auditor passes all five rules")
    func trustedAuditAllows() async throws {
        let world = try World()
        let decision = try await world.decide(audits: [world.audit(workflow: Self.releaseWorkflow, key: world.auditor)])
        #expect(decision.decision == .allow, "\(decision.rules.filter { $0.result != .pass }.map(\.reason))")
        for rule in Self.auditRules { #expect(results(decision)[rule] == .pass, "\(rule.rawValue)") }
    }

    @Test("an audit of another commit cannot vouch for this one: every audit rule denies")
    func otherCommitDenies() async throws {
        let world = try World()
        let decision = try await world.decide(audits: [world.audit(workflow: Self.releaseWorkflow, commit: Self.otherCommit, key: world.auditor)])
        #expect(decision.decision == .deny)
        for rule in Self.auditRules {
            let finding = try #require(decision.rules.first { $0.rule == rule })
            #expect(finding.result == .fail)
            #expect(finding.reason.contains("cannot evaluate") && finding.reason.contains(Self.otherCommit))
        }
    }

    @Test("an audit signed by someone not in source.auditors does not count, and says so")
    func untrustedAuditorDenies() async throws {
        let world = try World()
        let decision = try await world.decide(audits: [world.audit(workflow: Self.releaseWorkflow, key: world.stranger)])
        #expect(decision.decision == .deny)
        #expect(decision.problems.contains { $0.code == .untrustedSigner && $0.kind == .sourceAudit })
        #expect(decision.rules.first { $0.rule == .buildPinnedActions }?.reason.contains("not a trusted auditor") == true)
    }

    @Test("an audit signed by a trusted auditor's key revoked in the key registry does not count")
    func revokedAuditorDenies() async throws {
        let world = try World()
        let policy = try world.policy()
        var inputs = EvidenceCollector.Inputs(artifact: world.artifact)
        inputs.attestations = [world.provenance]
        inputs.sourceAudits = [try world.audit(workflow: Self.releaseWorkflow, key: world.auditor)]
        var collector = EvidenceCollector(policy: policy, keys: [world.auditor, world.stranger, world.builder].map(\.publicKey), now: { Date() })
        let key = world.auditor.publicKey
        collector.keyRecords = [key.keyID: KeyRecord(keyID: key.keyID, algorithm: key.algorithm.name, publicKeyPEM: key.pem,
                                                     owner: "security", purpose: .artifactSigning,
                                                     validFrom: Date(timeIntervalSince1970: 1_600_000_000), validUntil: nil,
                                                     status: .revoked, revokedAt: Date(timeIntervalSinceNow: -3600), reason: "leaked")]
        let decision = Gate(policy: policy).evaluate(await collector.collect(inputs), now: Date())
        #expect(decision.decision == .deny)
        #expect(decision.problems.contains { $0.code == .keyNotValid && $0.message.contains("was revoked") })
        for rule in Self.auditRules { #expect(results(decision)[rule] == .fail, "\(rule.rawValue)") }
    }

    @Test("a source audit goes through the one envelope verification: a statement about an artifact digest, not a commit, is the wrong subject")
    func artifactSubjectIsWrongSubject() async throws {
        let world = try World()
        let good = try world.audit(workflow: Self.releaseWorkflow, key: world.auditor)
        let statement = try InTotoStatement(parsing: DSSEEnvelope(parsing: good.bytes).payload)
        let aboutArtifact = InTotoStatement(subjects: [InTotoSubject(name: "app.tar.gz", digest: world.artifact.digest)],
                                            predicateType: statement.predicateType, predicate: statement.predicate)
        let envelope = try DSSE.sign(payload: aboutArtifact.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [world.auditor])
        let decision = try await world.decide(audits: [EvidenceInput(name: "artifact-audit.json", bytes: envelope.jsonBytes())])
        #expect(decision.decision == .deny)
        let problem = try #require(decision.problems.first { $0.kind == .sourceAudit })
        #expect(problem.code == .wrongSubject)
        #expect(problem.message.hasPrefix("source audit not verified: no subject has digest gitCommit"))
    }

    @Test("source.auditors threshold is weighed as for every kind of evidence: one of two required auditors does not count")
    func auditorThreshold() async throws {
        let world = try World()
        let policy = try world.policy(auditors: [world.auditor, world.stranger], threshold: 2)
        let one = await world.evidence(policy: policy, audits: [try world.audit(workflow: Self.releaseWorkflow, key: world.auditor)])
        #expect(one.sourceAudits.isEmpty)
        #expect(one.problems.contains { $0.code == .untrustedSigner && $0.kind == .sourceAudit
            && $0.message == "source audit signed by 1 trusted signer, source.auditors needs 2" })
        // Both auditors over the same statement: the envelope carries two signatures, and it counts.
        let single = try world.audit(workflow: Self.releaseWorkflow, key: world.auditor)
        let payload = try DSSEEnvelope(parsing: single.bytes).payload
        let both = try DSSE.sign(payload: payload, payloadType: DSSE.inTotoPayloadType, keys: [world.auditor, world.stranger])
        let two = await world.evidence(policy: policy, audits: [EvidenceInput(name: "both.json", bytes: both.jsonBytes())])
        #expect(two.sourceAudits.count == 1 && two.sourceAudits[0].signedBy.count == 2)
    }

    @Test("no audit at all: the rules cannot run and deny")
    func missingAuditDenies() async throws {
        let world = try World()
        let decision = try await world.decide(audits: [])
        #expect(decision.decision == .deny)
        #expect(Self.auditRules.allSatisfy { rule in results(decision)[rule] == .fail })
    }

    @Test("a tampered audit envelope is not verified and does not count")
    func tamperedAuditDenies() async throws {
        let world = try World()
        let good = try world.audit(workflow: Self.releaseWorkflow, key: world.auditor)
        var envelope = try DSSEEnvelope(parsing: good.bytes)
        envelope = DSSEEnvelope(payloadType: envelope.payloadType,
                                payload: Array(String(decoding: envelope.payload, as: UTF8.self)
                                    .replacingOccurrences(of: "\"pinnedActions\":false", with: "\"pinnedActions\":true").utf8) + [0x20],
                                signatures: envelope.signatures)
        let decision = try await world.decide(audits: [EvidenceInput(name: "tampered.json", bytes: envelope.jsonBytes())])
        #expect(decision.decision == .deny)
        #expect(decision.problems.contains { $0.code == .unverified && $0.kind == .sourceAudit })
    }

    @Test("static AWS keys, unpinned actions and a pwn request in the audited workflows fail their rules with the findings as evidence")
    func problemsFail() async throws {
        let world = try World()
        let bad = String(decoding: try AuditFixture.bytes("workflows/aws-static-keys.yml"), as: UTF8.self)
        let decision = try await world.decide(audits: [world.audit(workflow: bad, key: world.auditor)])
        #expect(decision.decision == .deny)
        #expect(results(decision)[.buildOIDCCredentials] == .fail)
        #expect(results(decision)[.buildPinnedActions] == .fail)
        #expect(results(decision)[.buildUntrustedCodeIsolated] == .pass)
        #expect(results(decision)[.sourceBranchProtection] == .pass)
        let oidc = try #require(decision.rules.first { $0.rule == .buildOIDCCredentials })
        #expect(oidc.evidence.contains { $0.contains("static-cloud-credentials") && $0.contains("release.yml:15:28") })
    }

    @Test("audit rules without a trusted auditor are a policy error: nobody could ever vouch for them")
    func policyNeedsAuditors() {
        let yaml = "apiVersion: tollgate.dev/v1\nkind: Policy\nbuild:\n  pinnedActions: true\n"
        #expect(throws: PolicyError.self) { try Policy(yaml: Array(yaml.utf8)) }
    }

    @Test("review answers untrusted code and tag overwrites from the audit, and unknown without it")
    func review() async throws {
        let world = try World(event: nil)
        let policy = try world.policy()
        let without = ReleaseReview(evidence: await world.evidence(policy: policy, audits: []), records: nil, policy: policy)
        #expect(without.items.first { $0.id == "untrusted-code" }?.answer == .unknown)
        #expect(without.items.first { $0.id == "tag-overwrite" }?.answer == .unknown)

        let clean = ReleaseReview(evidence: await world.evidence(policy: policy, audits: [try world.audit(workflow: Self.releaseWorkflow, key: world.auditor)]),
                                  records: nil, policy: policy)
        #expect(clean.items.first { $0.id == "untrusted-code" }?.answer == .no)
        #expect(clean.items.first { $0.id == "tag-overwrite" }?.answer == .no)
        #expect(clean.items.first { $0.id == "tag-overwrite" }?.evidence.contains { $0.contains("source audit of commit \(Self.commit)") } == true)

        let pwn = String(decoding: try AuditFixture.bytes("workflows/maestro-pull-request-target.yml"), as: UTF8.self)
        let risky = ReleaseReview(evidence: await world.evidence(policy: policy, audits: [try world.audit(workflow: pwn, key: world.auditor)]),
                                  records: nil, policy: policy)
        let untrusted = try #require(risky.items.first { $0.id == "untrusted-code" })
        #expect(untrusted.answer == .yes && untrusted.good == false)
        #expect(untrusted.evidence.contains { $0.contains("release.yml:12:16") })
    }
}
