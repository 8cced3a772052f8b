import Foundation
import TollgateModel
import TollgateVerify

/// The part of a `decision.made` payload (`tollgate.dev/decision/v2`) the dashboard keeps: decoding
/// only these fields is what lets `DashboardIndex` read a ledger of 100,000 decisions quickly.
struct DecisionDigest: Decodable {
    struct Subject: Decodable {
        let digest: Digest
        let name: String?
    }

    struct Rule: Decodable {
        let result: String
        let reason: String
        let exceptions: [AppliedException]?
    }

    let decision: String
    let policy: String
    let artifact: Subject
    let rules: [Rule]
}
