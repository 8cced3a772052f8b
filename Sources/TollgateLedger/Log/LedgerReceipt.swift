/// The acknowledgement of a durable append: where the entry is and its leaf hash.
public struct LedgerReceipt: Sendable, Equatable, Codable {
    /// The entry's index in the log.
    public let index: UInt64
    /// RFC 6962 leaf hash of the entry's encoding.
    public let leafHash: [UInt8]
}
