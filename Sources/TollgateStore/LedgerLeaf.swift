import Foundation

/// One leaf to integrate: the canonical entry bytes and their RFC 6962 leaf hash.
public struct LedgerLeaf: Sendable, Equatable {
    /// The canonical encoding of the entry (the Merkle leaf data).
    public let data: Data
    /// `SHA-256(0x00 || data)`.
    public let leafHash: [UInt8]

    public init(data: Data, leafHash: [UInt8]) {
        self.data = data
        self.leafHash = leafHash
    }
}
