import TollgateStore

/// Adapts a `LedgerStore` to `MerkleNodeReader` for proofs at `treeSize`: the nodes and the log
/// size come from one read, and a tree larger than the log is refused rather than reported as
/// missing nodes.
struct StoreNodeReader: MerkleNodeReader {
    let store: any LedgerStore
    let treeSize: UInt64

    func nodes(_ ids: [LedgerNodeID]) async throws -> [LedgerNodeID: [UInt8]] {
        let (size, nodes) = try await store.sizeAndNodes(ids)
        guard treeSize <= size else {
            throw LedgerError(.indexOutOfRange, "tree size \(treeSize) is larger than the log (\(size) entries)")
        }
        return nodes
    }
}
