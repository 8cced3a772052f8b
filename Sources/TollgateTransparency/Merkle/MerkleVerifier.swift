import TollgateModel

/// Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs.
///
/// Returns a verdict with the reason, never a Bool. Semantics follow transparency-dev/merkle,
/// which the vectors in `testdata/merkle` pin down: see `ConsistencyFromEmpty`.
public enum MerkleVerifier {
    /// How a consistency proof from the empty tree (size1 = 0) is treated.
    public enum ConsistencyFromEmpty: Sendable {
        /// transparency-dev/merkle: a proof from the empty tree is meaningless and rejected.
        case reject
        /// C2SP tlog-witness `add-checkpoint`: an old size of 0 with an empty proof is accepted.
        case acceptWithEmptyProof
    }

    /// Checks that `leafHash` is the leaf at `leafIndex` in the tree of `treeSize` with `root`.
    public static func verifyInclusion(leafIndex: UInt64, treeSize: UInt64, leafHash: [UInt8],
                                       proof: [[UInt8]], root: [UInt8]) -> ProofVerdict {
        guard leafIndex < treeSize else {
            return .invalid("leaf index \(leafIndex) is not below tree size \(treeSize)")
        }
        guard leafHash.count == RFC6962.hashSize else {
            return .invalid("leaf hash has \(leafHash.count) bytes, expected 32")
        }
        guard root.count == RFC6962.hashSize else {
            return .invalid("root hash has \(root.count) bytes, expected 32")
        }
        let expectedLength = inclusionProofLength(leafIndex: leafIndex, treeSize: treeSize)
        guard proof.count == expectedLength else {
            return .invalid("inclusion proof for leaf \(leafIndex) of \(treeSize) has \(expectedLength) hashes, found \(proof.count)")
        }
        guard proof.allSatisfy({ $0.count == RFC6962.hashSize }) else {
            return .invalid("every proof hash has 32 bytes")
        }
        let computed = rootFromInclusionProof(leafIndex: leafIndex, treeSize: treeSize, leafHash: leafHash, proof: proof)
        guard let computed else { return .invalid("inclusion proof does not fit the tree shape") }
        guard computed == root else {
            return .invalid("recomputed root \(Hex.short(computed)) does not match expected root \(Hex.short(root))")
        }
        return .valid
    }

    /// The root implied by an inclusion proof, or nil when the proof does not fit the tree
    /// (RFC 9162 §2.1.3.2 steps 1–6).
    public static func rootFromInclusionProof(leafIndex: UInt64, treeSize: UInt64, leafHash: [UInt8],
                                              proof: [[UInt8]]) -> [UInt8]? {
        guard leafIndex < treeSize else { return nil }
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        for p in proof {
            // "If sn is 0, then stop the iteration and fail the proof verification."
            if sn == 0 { return nil }
            if fn & 1 == 1 || fn == sn {
                r = RFC6962.nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = RFC6962.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        // "Compare sn to 0. Compare r against the root_hash. If any of these are not equal, fail."
        return sn == 0 ? r : nil
    }

    /// Checks that the tree of `size2` with `root2` extends the tree of `size1` with `root1`.
    public static func verifyConsistency(size1: UInt64, size2: UInt64, root1: [UInt8], root2: [UInt8],
                                         proof: [[UInt8]],
                                         fromEmpty: ConsistencyFromEmpty = .reject) -> ProofVerdict {
        if size1 == 0 {
            switch fromEmpty {
            case .reject:
                return .invalid("a consistency proof from the empty tree is meaningless (size1 = 0)")
            case .acceptWithEmptyProof:
                guard proof.isEmpty else {
                    return .invalid("a consistency proof from size 0 is empty, found \(proof.count) hashes")
                }
                return .valid
            }
        }
        guard size1 <= size2 else {
            return .invalid("size1 \(size1) is larger than size2 \(size2): the log shrank")
        }
        if size1 == size2 {
            guard proof.isEmpty else {
                return .invalid("sizes are equal (\(size1)) so the proof is empty, found \(proof.count) hashes")
            }
            // Equal sizes: the roots are compared byte for byte, whatever their length.
            guard root1 == root2 else {
                return .invalid("sizes are equal (\(size1)) but the roots differ: \(Hex.short(root1)) vs \(Hex.short(root2))")
            }
            return .valid
        }
        guard root1.count == RFC6962.hashSize, root2.count == RFC6962.hashSize else {
            return .invalid("roots have 32 bytes, found \(root1.count) and \(root2.count)")
        }
        guard !proof.isEmpty else { return .invalid("consistency proof from \(size1) to \(size2) is empty") }
        guard proof.allSatisfy({ $0.count == RFC6962.hashSize }) else {
            return .invalid("every proof hash has 32 bytes")
        }
        let expectedLength = consistencyProofLength(size1: size1, size2: size2)
        guard proof.count == expectedLength else {
            return .invalid("consistency proof from \(size1) to \(size2) has \(expectedLength) hashes, found \(proof.count)")
        }
        // RFC 9162 §2.1.4.2.
        var path = proof
        // "If first is an exact power of 2, then prepend first_hash to the consistency_path array."
        if size1 & (size1 - 1) == 0 { path.insert(root1, at: 0) }
        var fn = size1 - 1
        var sn = size2 - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            if sn == 0 { return .invalid("consistency proof is longer than the tree shape allows") }
            if fn & 1 == 1 || fn == sn {
                fr = RFC6962.nodeHash(c, fr)
                sr = RFC6962.nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = RFC6962.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { return .invalid("consistency proof is shorter than the tree shape requires") }
        guard fr == root1 else {
            return .invalid("proof recomputes old root \(Hex.short(fr)), expected \(Hex.short(root1))")
        }
        guard sr == root2 else {
            return .invalid("proof recomputes new root \(Hex.short(sr)), expected \(Hex.short(root2))")
        }
        return .valid
    }

    /// Number of hashes in an inclusion proof: the path length of RFC 9162 §2.1.3.1.
    public static func inclusionProofLength(leafIndex: UInt64, treeSize: UInt64) -> Int {
        guard leafIndex < treeSize else { return 0 }
        var length = 0
        var a: UInt64 = 0
        var b = treeSize
        while b - a > 1 {
            let k = RFC6962.splitPoint(b - a)
            if leafIndex - a < k { b = a + k } else { a += k }
            length += 1
        }
        return length
    }

    /// Number of hashes in a consistency proof (RFC 9162 §2.1.4.1), for 0 < size1 < size2.
    public static func consistencyProofLength(size1: UInt64, size2: UInt64) -> Int {
        guard size1 > 0, size1 < size2 else { return 0 }
        var length = 0
        var m = size1
        var n = size2
        var flag = true
        while m != n {
            let k = RFC6962.splitPoint(n)
            if m <= k {
                n = k
            } else {
                m -= k
                n -= k
                flag = false
            }
            length += 1
        }
        return flag ? length : length + 1
    }
}
