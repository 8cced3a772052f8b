import Foundation
import TollgateStore

/// The latest decision of one policy for an artifact (the whole report is one request further).
struct DecisionView: Encodable {
    let policy: String
    let policyDigest: String
    let decision: String
    let evaluatedAt: Date
    let document: String
    let ledgerIndex: UInt64

    init(_ record: DecisionIndexRecord) {
        policy = record.policy
        policyDigest = record.policyDigest.description
        decision = record.outcome
        evaluatedAt = record.evaluated
        document = record.document.description
        ledgerIndex = record.ledgerIndex
    }
}
