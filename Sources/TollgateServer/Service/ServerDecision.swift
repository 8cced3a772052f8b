import Foundation
import Logging
import TollgateInventory
import TollgateLedger
import TollgateModel
import TollgatePolicy
import TollgateStore
import TollgateVerify

/// One decision made and recorded on the server, as `POST /v1/decisions` and the re-evaluation
/// make it: the artifact's stored evidence through the same `EvidenceCollector` and `Gate` as
/// `tollgate verify`, recorded exactly as `verify --record` records it (the artifact as the gate
/// saw it, the trusted SBOM and findings, the decision, exception events), then its alerts raised.
enum ServerDecision {
    static func decide(_ digest: Digest, policy name: String, version: Int?, reference: String?, actor: String,
                       state: LoadedState, server: ServerState, logger: Logger) async throws -> (Decision, LedgerInclusionReceipt) {
        guard let artifact = try await state.evidence.artifact(digest) else {
            throw ServerError(.notFound, "no artifact \(digest); register it first (POST /v1/artifacts)")
        }
        let (policy, _) = try await state.policyLibrary.policy(name, version: version, state: state)
        var inputs = EvidenceCollector.Inputs(artifact: ArtifactSubject(digest: digest, name: artifact.name, purl: artifact.purl,
                                                                        reference: reference))
        try await StoredEvidence.add(of: digest, to: &inputs, state: state)
        let (decision, recorded) = try await evaluate(inputs, policy: policy, recordAs: actor, state: state, now: Date())
        guard let recorded else { throw ServerError(.internal, "the decision was not recorded") }
        ServerMetrics.verificationFailures(of: decision)
        let receipt = try await state.ledger.receipt(for: recorded)
        AlertTriggers.decided(decision, state: state, server: server, logger: logger)
        return (decision, receipt)
    }

    /// Collects the evidence in `inputs` and evaluates `policy` with the gate; when `actor` is given,
    /// records the result as `verify --record` does and returns the decision entry's receipt. The
    /// admission webhook's verification uses this too.
    static func evaluate(_ inputs: EvidenceCollector.Inputs, policy: Policy, recordAs actor: String?, state: LoadedState,
                         now: Date) async throws -> (Decision, LedgerReceipt?) {
        var collector = EvidenceCollector(policy: policy, keys: state.keys, trustedRoot: state.trustedRoot,
                                          advisories: state.advisories, now: { now })
        // Registered keys count only inside their validity at signing time, as in `tollgate verify`.
        collector.keyRecords = try await state.stores.registeredKeys()
        let inventory = state.stores.inventory
        let evidence = try await collector.collect(inputs, inventory: inventory)
        let decision = Gate(policy: policy).evaluate(evidence, now: now)
        guard let actor else { return (decision, nil) }
        let recorder = InventoryRecorder(ledger: state.ledger, store: inventory, actor: actor)
        let entries = try VerificationRecord(evidence: evidence, decision: decision, policy: policy, recorder: recorder, now: now,
                                             recordedExceptions: try await inventory.exceptionEvents())
        let receipts = try await recorder.record(entries.drafts, documents: entries.documents)
        return (decision, receipts[entries.decisionPosition])
    }
}
