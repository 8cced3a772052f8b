import Crypto

/// RFC 6962 Merkle hashing and inclusion-proof verification (RFC 9162 §2.1.3.2), kept minimal
/// and local: TollgateSigstore sits below TollgateLedger and must not depend on it.
enum MerkleInclusion {
    /// RFC 6962 §2.1: leaf hash = SHA-256(0x00 || leaf).
    static func leafHash(_ leaf: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: leaf)
        return Array(hasher.finalize())
    }

    /// RFC 6962 §2.1: node hash = SHA-256(0x01 || left || right).
    static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    /// Recomputes the root from `leafHash`, `index`, `size` and the audit path, following
    /// RFC 9162 §2.1.3.2 step by step. Returns `nil` when the path has the wrong length for
    /// the index and size ("If sn is 0, then stop the iteration and fail the proof
    /// verification"; "compare sn to 0").
    static func rootFromProof(leafHash: [UInt8], index: UInt64, size: UInt64, proof: [[UInt8]]) -> [UInt8]? {
        guard index < size else { return nil }
        var fn = index
        var sn = size - 1
        var r = leafHash
        for p in proof {
            if sn == 0 { return nil }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? r : nil
    }
}
