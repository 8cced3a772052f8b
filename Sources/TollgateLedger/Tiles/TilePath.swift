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

    /// A parsed tile path: a hash tile or an entry bundle, with its width (256 for a full tile).
    public enum Parsed: Sendable, Equatable {
        case hashTile(level: UInt64, index: UInt64, width: UInt64)
        case entryBundle(index: UInt64, width: UInt64)
    }

    /// Parses `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]` in exactly the form the
    /// writers make (so one tile has one path); nil for anything else.
    public static func parse(_ path: String) -> Parsed? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[0] == "tile" else { return nil }
        var width = Self.width
        if parts.count >= 4, parts[parts.count - 2].hasSuffix(".p") {
            guard let w = UInt64(parts[parts.count - 1]), (1..<Self.width).contains(w), String(w) == parts[parts.count - 1] else { return nil }
            width = w
            parts.removeLast()
            parts[parts.count - 1].removeLast(2)
        }
        let indexPart = parts[2...].joined(separator: "/")
        guard let index = decode(indexPart), encode(index) == indexPart else { return nil }
        if parts[1] == "entries" { return .entryBundle(index: index, width: width) }
        guard let level = UInt64(parts[1]), String(level) == parts[1], level < 8 else { return nil }
        return .hashTile(level: level, index: index, width: width)
    }

    /// `x001/x234/067` → 1234067 (nil when not groups of three digits).
    static func decode(_ text: String) -> UInt64? {
        let groups = text.split(separator: "/", omittingEmptySubsequences: false)
        guard !groups.isEmpty, groups.count <= 7 else { return nil }
        var value: UInt64 = 0
        for (offset, group) in groups.enumerated() {
            let digits = offset == groups.count - 1 ? Substring(group) : (group.first == "x" ? group.dropFirst() : "")
            guard digits.count == 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt64(digits) else { return nil }
            let (scaled, overflow) = value.multipliedReportingOverflow(by: 1000)
            guard !overflow else { return nil }
            value = scaled + n
        }
        return value
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
