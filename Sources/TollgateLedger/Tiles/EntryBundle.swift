/// A tlog-tiles entry bundle: each entry as a big-endian uint16 length followed by its bytes.
///
/// See https://c2sp.org/tlog-tiles#log-entries.
public enum EntryBundle {
    /// Encodes entries; each must be at most 65,535 bytes.
    public static func encode(_ entries: [[UInt8]]) throws(LedgerError) -> [UInt8] {
        var out: [UInt8] = []
        for entry in entries {
            guard entry.count <= Int(UInt16.max) else {
                throw LedgerError(.tooLarge, "an entry in a bundle is at most 65535 bytes, found \(entry.count)")
            }
            out.append(UInt8(entry.count >> 8))
            out.append(UInt8(entry.count & 0xFF))
            out.append(contentsOf: entry)
        }
        return out
    }

    /// Decodes a bundle, rejecting truncation, trailing bytes and more than 256 entries.
    public static func decode(_ bytes: [UInt8]) throws(LedgerError) -> [[UInt8]] {
        var entries: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            guard entries.count < Int(TilePath.width) else {
                throw LedgerError(.invalidTile, "an entry bundle holds at most 256 entries")
            }
            guard offset + 2 <= bytes.count else { throw LedgerError(.invalidTile, "entry bundle is truncated in a length") }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            offset += 2
            guard offset + length <= bytes.count else {
                throw LedgerError(.invalidTile, "entry bundle is truncated: entry of \(length) bytes at offset \(offset - 2)")
            }
            entries.append(Array(bytes[offset..<offset + length]))
            offset += length
        }
        return entries
    }
}
