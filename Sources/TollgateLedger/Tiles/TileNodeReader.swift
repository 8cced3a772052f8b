import TollgateStore
import TollgateTransparency

/// Reads Merkle nodes of a tree of `treeSize` leaves from tlog-tiles, so proofs and historical
/// roots can be computed from a published log exactly as from the store.
///
/// A node at level `l` lives in the tile of level `l / 8`; nodes between stored levels are
/// hashed from the 2^(l mod 8) stored hashes below them inside that tile.
public struct TileNodeReader: MerkleNodeReader {
    let source: any TileSource
    let treeSize: UInt64

    public init(source: any TileSource, treeSize: UInt64) {
        self.source = source
        self.treeSize = treeSize
    }

    public func nodes(_ ids: [LedgerNodeID]) async throws -> [LedgerNodeID: [UInt8]] {
        var tiles: [String: [[UInt8]]] = [:]
        var out: [LedgerNodeID: [UInt8]] = [:]
        for id in ids {
            let level = UInt64(id.level)
            let tileLevel = level / TilePath.height
            let sub = level % TilePath.height
            // The node covers 2^sub hashes at the tile's base level, starting at `first`.
            let first = id.index << sub
            let count: UInt64 = 1 << sub
            let tileIndex = first / TilePath.width
            let width = TilePath.tileWidth(level: tileLevel, index: tileIndex, treeSize: treeSize)
            guard width > 0 else { continue }
            let path = TilePath.hashTile(level: tileLevel, index: tileIndex, width: width)
            let hashes: [[UInt8]]
            if let cached = tiles[path] {
                hashes = cached
            } else {
                guard let bytes = try await source.read(path) else { continue }
                guard bytes.count == Int(width) * RFC6962.hashSize else {
                    throw LedgerError(.invalidTile, "tile '\(path)' has \(bytes.count) bytes, expected \(Int(width) * 32)")
                }
                hashes = stride(from: 0, to: bytes.count, by: RFC6962.hashSize).map { Array(bytes[$0..<$0 + RFC6962.hashSize]) }
                tiles[path] = hashes
            }
            let offset = first % TilePath.width
            guard offset + count <= UInt64(hashes.count) else { continue }
            var range = CompactRange()
            for hash in hashes[Int(offset)..<Int(offset + count)] { range.append(hash) }
            out[id] = range.rootHash()
        }
        return out
    }
}
