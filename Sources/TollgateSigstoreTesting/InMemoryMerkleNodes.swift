import TollgateLedger
import TollgateStore

/// The perfect-subtree hashes of a small in-memory log, as ``CompactRange/append(_:)`` reports
/// them, read by the ledger's ``ProofBuilder`` to build inclusion proofs.
struct InMemoryMerkleNodes: MerkleNodeReader {
    var nodes: [LedgerNodeID: [UInt8]] = [:]

    func nodes(_ ids: [LedgerNodeID]) async throws -> [LedgerNodeID: [UInt8]] {
        var found: [LedgerNodeID: [UInt8]] = [:]
        for id in ids { found[id] = nodes[id] }
        return found
    }
}
