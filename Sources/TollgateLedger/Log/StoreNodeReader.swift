import TollgateStore

/// Adapts a `LedgerStore` to `MerkleNodeReader` for proofs at `treeSize`: the nodes not in the
/// upper-level cache and the log size come from one read, and a tree larger than the log is
/// refused rather than reported as missing nodes.
struct StoreNodeReader: MerkleNodeReader {
    let store: any LedgerStore
    let cache: UpperNodeCache
    let treeSize: UInt64

    func nodes(_ ids: [LedgerNodeID]) async throws -> [LedgerNodeID: [UInt8]] {
        var (found, missing) = cache.lookup(ids)
        let (size, read) = try await store.sizeAndNodes(missing)
        guard treeSize <= size else {
            throw LedgerError(.indexOutOfRange, "tree size \(treeSize) is larger than the log (\(size) entries)")
        }
        cache.remember(read)
        found.merge(read) { cached, _ in cached }
        return found
    }
}
