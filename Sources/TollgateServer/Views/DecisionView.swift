import Foundation
import TollgateLedger
import TollgateModel
import TollgateStore

/// The latest decision of one policy for an artifact, from the inventory and its `decision.made`
/// entry (the whole report is one request further).
struct DecisionView: Encodable {
    let policy: String
    let policyDigest: String?
    let decision: String
    let evaluatedAt: Date
    /// The digest of the decision document (the entry's payload).
    let document: String
    let ledgerIndex: UInt64

    init(_ record: InventoryDecisionRecord, index: UInt64, entry: LedgerEntry) {
        policy = record.policy
        policyDigest = entry.payload.flatMap { try? JSONValue.parse($0) }?["policyDigest"]?.stringValue
        decision = record.decision
        evaluatedAt = record.time
        document = entry.payloadDigest.description
        ledgerIndex = index
    }

    /// The latest recorded decision of each policy for `digest`, with its entry, by policy name.
    static func latest(of digest: Digest, state: LoadedState) async throws -> [(DecisionView, LedgerEntry)] {
        var latest: [String: (InventoryDecisionRecord, UInt64)] = [:]
        for record in try await state.stores.inventory.decisions(of: [digest]) {
            guard let index = record.ledgerIndex else { continue }
            if let known = latest[record.policy], known.1 >= index { continue }
            latest[record.policy] = (record, index)
        }
        var out: [(DecisionView, LedgerEntry)] = []
        for (record, index) in latest.values.sorted(by: { $0.0.policy < $1.0.policy }) {
            let entry = try await state.ledger.entry(at: index)
            out.append((DecisionView(record, index: index, entry: entry), entry))
        }
        return out
    }
}
