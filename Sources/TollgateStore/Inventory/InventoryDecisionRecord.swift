import Foundation
import TollgateModel

/// A gate decision about an artifact.
public struct InventoryDecisionRecord: Sendable, Hashable, Codable {
    public var artifact: Digest
    /// `allow`, `warn` or `deny`.
    public var decision: String
    public var policy: String
    /// The ledger index of the `decision.made` entry, when recorded.
    public var ledgerIndex: UInt64?
    public var time: Date

    public init(artifact: Digest, decision: String, policy: String, ledgerIndex: UInt64? = nil, time: Date) {
        self.artifact = artifact
        self.decision = decision
        self.policy = policy
        self.ledgerIndex = ledgerIndex
        self.time = time
    }
}
