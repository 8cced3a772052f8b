/// Paths of the C2SP tlog-tiles layout, relative to the log's prefix.
///
/// See https://c2sp.org/tlog-tiles: tiles have height 8 (256 hashes), a tile index is written in
/// groups of three digits with `x` before all but the last (`x001/x234/067`), and a partial tile
/// of width W (1…255) gets the suffix `.p/W`.
public enum TilePath {
    /// Tile height in levels.
    public static let height: UInt64 = 8
    /// Hashes (or entries) in a full tile.
    public static let width: UInt64 = 256

    /// `tile/<L>/<N>[.p/<W>]` — width 256 is a full tile.
    public static func hashTile(level: UInt64, index: UInt64, width: UInt64) -> String {
        "tile/\(level)/\(encode(index))\(suffix(width))"
    }

    /// `tile/entries/<N>[.p/<W>]`.
    public static func entryBundle(index: UInt64, width: UInt64) -> String {
        "tile/entries/\(encode(index))\(suffix(width))"
    }

    /// The checkpoint path.
    public static let checkpoint = "checkpoint"

    /// `1234067` → `x001/x234/067`.
    public static func encode(_ index: UInt64) -> String {
        var groups: [String] = []
        var n = index
        repeat {
            let group = String(n % 1000)
            groups.append(String(repeating: "0", count: 3 - group.count) + group)
            n /= 1000
        } while n > 0
        return groups.reversed().enumerated().map { offset, group in
            offset == groups.count - 1 ? group : "x" + group
        }.joined(separator: "/")
    }

    private static func suffix(_ width: UInt64) -> String {
        width == Self.width ? "" : ".p/\(width)"
    }

    /// The width of the tile at `index` of level `level` in a tree of `size` leaves
    /// (0 when the tile does not exist yet).
    public static func tileWidth(level: UInt64, index: UInt64, treeSize: UInt64) -> UInt64 {
        let nodesAtLevel = treeSize >> (level * height)
        let start = index * width
        guard nodesAtLevel > start else { return 0 }
        return min(width, nodesAtLevel - start)
    }
}
