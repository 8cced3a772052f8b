import TollgateStore

/// Adapts a `LedgerStore` to `MerkleNodeReader`.
struct StoreNodeReader: MerkleNodeReader {
    let store: any LedgerStore

    func nodes(_ ids: [LedgerNodeID]) async throws -> [LedgerNodeID: [UInt8]] {
        try await store.nodes(ids)
    }
}
