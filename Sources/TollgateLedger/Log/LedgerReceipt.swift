import Foundation

/// The acknowledgement of a durable append: where the entry is, its leaf hash, and the time the
/// ledger stamped on it. `Ledger.receipt(for:)` turns it into a `LedgerInclusionReceipt` that
/// proves the entry is in the log under a signed checkpoint.
public struct LedgerReceipt: Sendable, Equatable, Codable {
    /// The entry's index in the log.
    public let index: UInt64
    /// RFC 6962 leaf hash of the entry's encoding.
    public let leafHash: [UInt8]
    /// The entry time, from the ledger's clock (millisecond precision), never earlier than the
    /// previous entry's.
    public let time: Date

    public init(index: UInt64, leafHash: [UInt8], time: Date) {
        self.index = index
        self.leafHash = leafHash
        self.time = time
    }
}
