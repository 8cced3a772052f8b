import Foundation

/// What the ledger computes for a batch under the store's write lock: the leaves to write (their
/// bytes are final only here, because the ledger stamps the entry time from the head it sees),
/// the new tree nodes (leaf hashes and every perfect subtree the batch completes) and the new head.
public struct LedgerIntegration: Sendable {
    /// The leaves to write at `previous head size ..< head.size`, in order.
    public let leaves: [LedgerLeaf]
    /// New nodes to insert, `(id, 32-byte hash)`.
    public let nodes: [(LedgerNodeID, [UInt8])]
    /// The head after the batch.
    public let head: LedgerHead

    public init(leaves: [LedgerLeaf], nodes: [(LedgerNodeID, [UInt8])], head: LedgerHead) {
        self.leaves = leaves
        self.nodes = nodes
        self.head = head
    }
}

/// Computes a batch's integration from the head and the last entry found under the write lock
/// (`lastEntry` is the entry at `head.size - 1`, nil for an empty log). It must have no side
/// effects: a store may call it again if its transaction is retried.
public typealias LedgerIntegrator = @Sendable (_ head: LedgerHead, _ lastEntry: Data?) throws -> LedgerIntegration
