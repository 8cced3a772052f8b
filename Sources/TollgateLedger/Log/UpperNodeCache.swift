import Synchronization
import TollgateStore
import TollgateTransparency

/// The upper levels of the tree, kept in memory for proofs.
///
/// A stored node is written once, when its perfect subtree is complete, and never changes (the
/// log is append-only), so a cached hash stays valid whoever appends, in this process or another.
/// Only nodes at `minimumLevel` and above are kept (one node per 2,048 leaves), up to `capacity`
/// of them, so memory stays flat: a few MiB at most, reached only past 130 million entries. Once
/// warm, an inclusion proof reads only the path nodes below level 12 and the leaf from the store,
/// about half of what it needs at 10 million entries.
/// `fsck` never reads through it; it checks what is stored.
final class UpperNodeCache: Sendable {
    static let minimumLevel: UInt8 = 12
    static let capacity = 65_536

    private let nodes = Mutex<[LedgerNodeID: [UInt8]]>([:])

    /// The cached hashes among `ids`, and the ids still to read.
    func lookup(_ ids: [LedgerNodeID]) -> (found: [LedgerNodeID: [UInt8]], missing: [LedgerNodeID]) {
        nodes.withLock { cached in
            var found: [LedgerNodeID: [UInt8]] = [:]
            var missing: [LedgerNodeID] = []
            for id in ids {
                if id.level >= Self.minimumLevel, let hash = cached[id] { found[id] = hash } else { missing.append(id) }
            }
            return (found, missing)
        }
    }

    /// Keeps the upper-level nodes among `read` while there is room.
    func remember(_ read: [LedgerNodeID: [UInt8]]) {
        let upper = read.filter { $0.key.level >= Self.minimumLevel && $0.value.count == RFC6962.hashSize }
        guard !upper.isEmpty else { return }
        nodes.withLock { cached in
            for (id, hash) in upper where cached.count < Self.capacity { cached[id] = hash }
        }
    }
}
