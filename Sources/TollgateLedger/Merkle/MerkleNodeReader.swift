import TollgateStore

/// Reads stored perfect-subtree hashes by ID. Stores and tile directories both provide one, so
/// proofs are built from stored nodes and never recomputed from the leaves.
public protocol MerkleNodeReader: Sendable {
    /// Hashes of the requested nodes; absent nodes are omitted.
    func nodes(_ ids: [LedgerNodeID]) async throws -> [LedgerNodeID: [UInt8]]
}
