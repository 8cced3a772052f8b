import Foundation
import TollgateStore
import TollgateTransparency

/// Builds tlog-tiles content from a ledger store: a hash tile (the concatenated hashes of one
/// level's nodes) or an entry bundle. `TileExporter` writes them to a directory; the server
/// serves them at their standard paths.
///
/// Its methods are `@inline(never)`: inlined into `TileExporter.export`, they crash the Swift 6.3.1
/// release compiler (LLVM coroutine splitting, signal 11).
public struct TileBuilder: Sendable {
    let store: any LedgerStore

    public init(store: any LedgerStore) {
        self.store = store
    }

    /// The hash tile `tile/<level>/<index>[.p/<width>]`. Throws `ledger.missing-node` when the
    /// tree is not yet large enough to hold it.
    @inline(never)
    public func hashTile(level: UInt64, index: UInt64, width: UInt64) async throws -> [UInt8] {
        let ids = (0..<width).map { LedgerNodeID(level: UInt8(level * TilePath.height), index: index * TilePath.width + $0) }
        let nodes = try await store.nodes(ids)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(width) * RFC6962.hashSize)
        for id in ids {
            guard let hash = nodes[id], hash.count == RFC6962.hashSize else {
                throw LedgerError(.missingNode, "the store has no hash for \(id)")
            }
            bytes.append(contentsOf: hash)
        }
        return bytes
    }

    /// The entry bundle `tile/entries/<index>[.p/<width>]`. Throws `ledger.missing-node` when the
    /// log does not hold all its entries yet.
    @inline(never)
    public func entryBundle(index: UInt64, width: UInt64) async throws -> [UInt8] {
        let entries = try await entries(index: index, width: width).map(Array.init)
        return try EntryBundle.encode(entries)
    }

    /// The entries of the bundle `index` of `width` (for callers that look at them first).
    @inline(never)
    public func entries(index: UInt64, width: UInt64) async throws -> [Data] {
        let entries = try await store.entries(in: index * TilePath.width..<index * TilePath.width + width)
        guard entries.count == Int(width) else {
            throw LedgerError(.missingNode, "entries \(index * TilePath.width)…\(index * TilePath.width + width - 1) are incomplete")
        }
        return entries
    }
}
