import Crypto
import Foundation
import Testing
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgatePolicy
import TollgateSBOM
import TollgateStore
import TollgateStoreSQLite
import TollgateTransparency
import TollgateVerify
import TollgateVulnerabilities

/// sign → attest (provenance and SBOM) → scan → verify → record → prove the decision's inclusion.
@Suite("End to end")
struct EndToEndTests {
    static let policyText = """
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: e2e }
    source: { repositories: ["github.com/acme/*"], refs: ["refs/tags/v*"], continuity: true }
    build: { triggers: { deny: [pull_request_target] }, pinnedDependencies: true }
    artifact:
      signature: { keys: [KEYID] }
      algorithms: { signatures: [ecdsa-p256], digests: [sha256] }
      provenance: { required: true, versions: [v1] }
      sbom: { required: true, attested: true }
      vulnerabilities: { maxSeverity: medium, remediationDays: { critical: 7 } }
      licenses: { deny: [AGPL-3.0-only] }
    deploy: { byDigest: true }
    exceptions:
      - id: EXC-1
        owner: alice@acme.example
        reason: "shiro upgrade lands in 1.3; the vulnerable filter is disabled"
        compensatingControl: "shiro.filter.disabled=true"
        expires: 2026-07-31
        match: { advisory: CVE-2020-1957, component: "pkg:maven/org.apache.shiro/shiro-core" }
    """

    @Test("signs, attests, scans, verifies, records and proves the decision's inclusion")
    func endToEnd() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let now = Clock.at("2026-06-15T12:00:00Z")

        // Sign.
        let key = try PrivateKey.generate(.ecdsaP256)
        let artifact = Array("app release 1.2.0\n".utf8)
        let digest = DigestAlgorithm.sha256.hash(artifact)
        let signature = try key.sign(artifact)

        // Attest: SLSA provenance and the SBOM, each a signed in-toto statement.
        let context = BuildContext(platform: .githubActions, repository: "https://github.com/acme/app",
                                   commit: "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f", ref: "refs/tags/v1.2.0",
                                   workflow: ".github/workflows/release.yml",
                                   builderID: "https://github.com/actions/runner/github-hosted", event: "push")
        let subject = InTotoSubject(name: "app.bin", digest: digest)
        let provenance = try ProvenanceGenerator().statement(subjects: [subject], context: context)
        let provenanceEnvelope = try DSSE.sign(payload: provenance.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [key])
        let sbomBytes = try Fixtures.data("e2e/app.cdx.json")
        let sbomStatement = InTotoStatement(subjects: [subject], predicateType: "https://cyclonedx.org/bom",
                                            predicate: try JSONValue.parse(Array(sbomBytes)))
        let sbomEnvelope = try DSSE.sign(payload: sbomStatement.jsonBytes(), payloadType: DSSE.inTotoPayloadType, keys: [key])

        // The gate scans the trusted SBOM itself against real advisories, imported "now".
        let advisories = try AdvisoryStoreSQLite(path: work.appendingPathComponent("advisories.sqlite").path)
        try await advisories.prepare()
        _ = try await AdvisoryImporter(store: advisories, clock: { now }).importPath(Fixtures.root.appendingPathComponent("e2e/osv").path)

        // Verify.
        let policy = try Policy(yaml: Array(Self.policyText.replacingOccurrences(of: "KEYID", with: key.publicKey.keyID).utf8), file: "e2e.yaml")
        var inputs = EvidenceCollector.Inputs(artifact: ArtifactSubject(digest: digest, name: "app.bin", purl: "pkg:generic/app@1.2.0",
                                                                        reference: "registry.example/app@\(digest)"),
                                              artifactBytes: artifact)
        inputs.signatures = [EvidenceInput(name: "app.sig", bytes: Array(Base64Text.encode(signature).utf8))]
        inputs.attestations = [EvidenceInput(name: "provenance.dsse.json", bytes: provenanceEnvelope.jsonBytes()),
                               EvidenceInput(name: "sbom.dsse.json", bytes: sbomEnvelope.jsonBytes())]
        let inventory = try InventoryStoreSQLite(path: work.appendingPathComponent("inventory.sqlite").path)
        try await inventory.prepare()
        let collector = EvidenceCollector(policy: policy, keys: [key.publicKey], advisories: advisories, now: { now })
        let evidence = try await collector.collect(inputs, inventory: inventory)
        #expect(evidence.problems.isEmpty, "\(evidence.problems)")
        #expect(Set(evidence.scan?.findings.map(\.id) ?? []) == ["GHSA-26gr-cvq3-qxgf", "GHSA-269g-pwp5-87pp"])
        #expect(evidence.scan?.origin == .gate)
        let decision = Gate(policy: policy).evaluate(evidence, now: now)
        let results = Dictionary(uniqueKeysWithValues: decision.rules.map { ($0.rule, $0.result) })
        #expect(decision.decision == .allow, "\(decision.rules.filter { $0.result != .pass }.map(\.reason))")
        #expect(results[.vulnerabilitiesMaxSeverity] == .excepted)
        #expect(results[.vulnerabilitiesDatabaseAge] == .pass)
        #expect(results[.artifactSignature] == .pass)
        #expect(results[.artifactSBOM] == .pass)
        #expect(results[.artifactLicenses] == .pass)
        #expect(decision.rules.first { $0.rule == .vulnerabilitiesMaxSeverity }?.reason
                == "expected no findings above medium; found 1 excepted: GHSA-26gr-cvq3-qxgf in pkg:maven/org.apache.shiro/shiro-core@1.5.0 by EXC-1")
        #expect(decision.database?.importedAt == now)

        // Record (ledger first, then the inventory indexes the entries), then prove inclusion against a signed checkpoint.
        let ledgerStore = try LedgerStoreSQLite(path: work.appendingPathComponent("ledger.sqlite").path)
        let signer = try Ed25519NoteSigner(name: "tollgate.test/e2e", privateKey: Curve25519.Signing.PrivateKey())
        let ledger = try await Ledger.open(store: ledgerStore, signer: signer, clock: { now })
        let recorder = InventoryRecorder(ledger: ledger, store: inventory, actor: "e2e-test")
        let entries = try VerificationRecord(evidence: evidence, decision: decision, policy: policy, recorder: recorder, now: now,
                                             recordedExceptions: try await inventory.exceptionEvents())
        #expect(entries.exceptionEvents == ["granted:e2e:EXC-1"])
        let receipt = try await recorder.record(entries.drafts, documents: entries.documents)[entries.decisionPosition]
        #expect(try await inventory.exceptionEvents() == ["granted:e2e:EXC-1"])
        let checkpoint = try await ledger.checkpoint()
        let proof = try await ledger.inclusionProof(index: receipt.index)
        #expect(proof.verify().isValid)
        #expect(proof.leafHash == receipt.leafHash)
        #expect(proof.treeSize == checkpoint.checkpoint.size)
        let stored = try await ledger.entry(at: receipt.index)
        #expect(stored.kind == .decisionMade)
        #expect(stored.payload == (try DecisionRecorder.payload(decision)))

        // The inventory remembers the findings (and the attested SBOM's components); after the exception
        // expires the same artifact is denied.
        #expect(try await inventory.components(of: digest).contains { $0.purl == "pkg:maven/org.apache.shiro/shiro-core@1.5.0" })
        #expect(try await inventory.provenance(of: [digest]).contains { $0.source == .signedStatement && $0.repository == "github.com/acme/app" })
        let later = Clock.at("2026-08-01T00:00:00Z")
        try await advisories.recordImport(at: later)
        let laterEvidence = try await EvidenceCollector(policy: policy, keys: [key.publicKey], advisories: advisories,
                                                        now: { later }).collect(inputs, inventory: inventory)
        let laterDecision = Gate(policy: policy).evaluate(laterEvidence, now: later)
        #expect(laterDecision.decision == .deny)
        #expect(laterDecision.expiredExceptions == ["EXC-1"])
        let remediation = laterDecision.rules.first { $0.rule == .vulnerabilitiesRemediation }
        #expect(remediation?.result == .fail)
        #expect(remediation?.reason.contains("first seen 2026-06-15T12:00:00Z, 46 days ago, over 7") == true, "\(remediation?.reason ?? "")")
        let laterEntries = try VerificationRecord(evidence: laterEvidence, decision: laterDecision, policy: policy, recorder: recorder,
                                                  now: later, recordedExceptions: try await inventory.exceptionEvents())
        #expect(laterEntries.exceptionEvents == ["expired:e2e:EXC-1"])
    }
}
