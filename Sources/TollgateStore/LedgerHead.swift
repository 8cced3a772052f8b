/// The integrated state of a log: its size and its right edge (compact range).
///
/// The store keeps this row next to the entries and updates it in the same transaction, so a
/// writer that locks it sees exactly the tree it extends. `frontier` is opaque to the store; the
/// ledger encodes the perfect-subtree hashes on the right edge of the tree in it.
public struct LedgerHead: Sendable, Equatable {
    /// Number of integrated leaves.
    public let size: UInt64
    /// Opaque encoding of the right edge (the ledger's `CompactRange`).
    public let frontier: [UInt8]

    public init(size: UInt64, frontier: [UInt8]) {
        self.size = size
        self.frontier = frontier
    }

    /// The head of an empty log.
    public static let empty = LedgerHead(size: 0, frontier: [])
}
