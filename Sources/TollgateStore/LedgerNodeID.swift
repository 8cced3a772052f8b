/// The coordinates of a perfect subtree in an RFC 6962 Merkle tree: `level` 0 is a leaf hash,
/// and the node at (`level`, `index`) covers leaves `[index << level, (index + 1) << level)`.
///
/// Stores key nodes by `packed`, a single non-negative 64-bit integer, so a lookup is one
/// primary-key probe. See RFC 9162 §2.1.1 for the tree definition.
public struct LedgerNodeID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Height of the subtree (0 = leaf).
    public let level: UInt8
    /// Position of the subtree among the subtrees of the same level, from the left.
    public let index: UInt64

    /// The largest index a packed identifier can carry (2^56 − 1).
    public static let maxIndex: UInt64 = (1 << 56) - 1

    public init(level: UInt8, index: UInt64) {
        self.level = level
        self.index = index
    }

    /// `level << 56 | index`: unique, non-negative, and ordered by level then index.
    public var packed: Int64 { Int64(bitPattern: UInt64(level) << 56 | (index & Self.maxIndex)) }

    /// Reverses `packed`.
    public init(packed: Int64) {
        let raw = UInt64(bitPattern: packed)
        self.level = UInt8(truncatingIfNeeded: raw >> 56)
        self.index = raw & Self.maxIndex
    }

    public static func < (lhs: LedgerNodeID, rhs: LedgerNodeID) -> Bool { lhs.packed < rhs.packed }

    public var description: String { "node(\(level), \(index))" }
}
