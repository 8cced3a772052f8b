/// What the ledger computes for a batch under the store's write lock: the new tree nodes
/// (leaf hashes and every perfect subtree the batch completes) and the new head.
public struct LedgerIntegration: Sendable {
    /// New nodes to insert, `(id, 32-byte hash)`.
    public let nodes: [(LedgerNodeID, [UInt8])]
    /// The head after the batch.
    public let head: LedgerHead

    public init(nodes: [(LedgerNodeID, [UInt8])], head: LedgerHead) {
        self.nodes = nodes
        self.head = head
    }
}

/// Computes a batch's integration from the head found under the write lock. It must be pure:
/// a store may call it again if its transaction is retried.
public typealias LedgerIntegrator = @Sendable (_ head: LedgerHead, _ leaves: [LedgerLeaf]) throws -> LedgerIntegration
