import TollgateTransparency

extension RFC6962 {
    /// MTH over a list of leaf hashes (RFC 9162 §2.1.1), folded through a ``CompactRange``
    /// in memory; for tests, tiles and small trees.
    public static func rootHash(leafHashes: [[UInt8]]) -> [UInt8] {
        guard !leafHashes.isEmpty else { return emptyRoot }
        var range = CompactRange()
        for hash in leafHashes { _ = range.append(hash) }
        return range.rootHash()
    }
}
