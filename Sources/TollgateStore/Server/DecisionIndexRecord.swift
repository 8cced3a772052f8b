import Foundation
import TollgateModel

/// Where to find a recorded gate decision: the server keeps the latest one per artifact and
/// policy, and the decision document itself (the `decision.made` payload) in the blob store.
public struct DecisionIndexRecord: Sendable, Hashable, Codable {
    public var subject: Digest
    public var policy: String
    /// The digest of the policy document the decision evaluated.
    public var policyDigest: Digest
    /// `allow`, `warn` or `deny`.
    public var outcome: String
    public var evaluated: Date
    /// SHA-256 of the decision document (its blob name).
    public var document: Digest
    /// The ledger index of its `decision.made` entry.
    public var ledgerIndex: UInt64

    public init(subject: Digest, policy: String, policyDigest: Digest, outcome: String, evaluated: Date,
                document: Digest, ledgerIndex: UInt64) {
        self.subject = subject
        self.policy = policy
        self.policyDigest = policyDigest
        self.outcome = outcome
        self.evaluated = evaluated
        self.document = document
        self.ledgerIndex = ledgerIndex
    }
}
