import TollgateStore
import TollgateTransparency

/// Builds RFC 9162 inclusion (§2.1.3.1) and consistency (§2.1.4.1) proofs and historical roots
/// from stored perfect subtrees.
///
/// Every proof hash is MTH of a range `[a, b)` whose start is aligned; it is the fold of at most
/// 64 perfect subtrees, so a proof needs O(log² n) node reads in the worst case and O(log n)
/// typically, fetched in one batch, whatever the size of the log.
public struct ProofBuilder: Sendable {
    let reader: any MerkleNodeReader

    public init(reader: any MerkleNodeReader) {
        self.reader = reader
    }

    /// The audit path for `leafIndex` in the tree of `treeSize` leaves, bottom-up.
    public func inclusionProof(leafIndex: UInt64, treeSize: UInt64) async throws -> [[UInt8]] {
        guard leafIndex < treeSize else {
            throw LedgerError(.indexOutOfRange, "leaf index \(leafIndex) is not below tree size \(treeSize)")
        }
        return try await resolve(Self.inclusionPlan(leafIndex: leafIndex, treeSize: treeSize))
    }

    /// The consistency proof from `size1` to `size2` (0 < size1 ≤ size2; equal sizes give []).
    public func consistencyProof(size1: UInt64, size2: UInt64) async throws -> [[UInt8]] {
        guard size1 <= size2 else {
            throw LedgerError(.indexOutOfRange, "size1 \(size1) is larger than size2 \(size2)")
        }
        guard size1 > 0, size1 < size2 else { return [] }
        return try await resolve(Self.consistencyPlan(size1: size1, size2: size2))
    }

    /// The audit path, the root of `treeSize` and the leaf hash, read from the store in one batch.
    public func inclusionProofAndRoot(leafIndex: UInt64, treeSize: UInt64) async throws -> (hashes: [[UInt8]], root: [UInt8], leafHash: [UInt8]) {
        guard leafIndex < treeSize else {
            throw LedgerError(.indexOutOfRange, "leaf index \(leafIndex) is not below tree size \(treeSize)")
        }
        let plan = Self.inclusionPlan(leafIndex: leafIndex, treeSize: treeSize)
        let resolved = try await resolve(plan + [Self.rangeNodes(0, treeSize), [LedgerNodeID(level: 0, index: leafIndex)]])
        return (Array(resolved.prefix(plan.count)), resolved[plan.count], resolved[plan.count + 1])
    }

    /// The consistency proof and both roots, read from the store in one batch.
    public func consistencyProofAndRoots(size1: UInt64, size2: UInt64) async throws -> (hashes: [[UInt8]], root1: [UInt8], root2: [UInt8]) {
        guard size1 <= size2 else {
            throw LedgerError(.indexOutOfRange, "size1 \(size1) is larger than size2 \(size2)")
        }
        let plan = size1 > 0 && size1 < size2 ? Self.consistencyPlan(size1: size1, size2: size2) : []
        var terms = plan
        if size1 > 0 { terms.append(Self.rangeNodes(0, size1)) }
        if size2 > 0 { terms.append(Self.rangeNodes(0, size2)) }
        let resolved = try await resolve(terms)
        let root1 = size1 > 0 ? resolved[plan.count] : RFC6962.emptyRoot
        let root2 = size2 > 0 ? resolved[plan.count + (size1 > 0 ? 1 : 0)] : RFC6962.emptyRoot
        return (Array(resolved.prefix(plan.count)), root1, root2)
    }

    /// MTH of the first `size` leaves.
    public func rootHash(size: UInt64) async throws -> [UInt8] {
        guard size > 0 else { return RFC6962.emptyRoot }
        return try await resolve([Self.rangeNodes(0, size)])[0]
    }

    /// The leaf hash at `index`.
    public func leafHash(at index: UInt64) async throws -> [UInt8] {
        try await resolve([[LedgerNodeID(level: 0, index: index)]])[0]
    }

    // MARK: - Planning

    /// The perfect subtrees whose right fold is MTH(D[a:b]); `a` is aligned (a multiple of the
    /// largest power of two ≤ b − a), as every range in the RFC recursion is.
    static func rangeNodes(_ a: UInt64, _ b: UInt64) -> [LedgerNodeID] {
        var ids: [LedgerNodeID] = []
        var start = a
        var remaining = b - a
        while remaining > 0 {
            let level = 63 - UInt64(remaining.leadingZeroBitCount)
            ids.append(LedgerNodeID(level: UInt8(level), index: start >> level))
            start += 1 << level
            remaining -= 1 << level
        }
        return ids
    }

    /// PATH(m, D[0:n]) as ranges, bottom-up.
    static func inclusionPlan(leafIndex m: UInt64, treeSize n: UInt64) -> [[LedgerNodeID]] {
        var topDown: [[LedgerNodeID]] = []
        var a: UInt64 = 0
        var b = n
        while b - a > 1 {
            let k = RFC6962.splitPoint(b - a)
            if m - a < k {
                topDown.append(rangeNodes(a + k, b))
                b = a + k
            } else {
                topDown.append(rangeNodes(a, a + k))
                a += k
            }
        }
        return topDown.reversed()
    }

    /// PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) as ranges, bottom-up.
    static func consistencyPlan(size1: UInt64, size2: UInt64) -> [[LedgerNodeID]] {
        var topDown: [[LedgerNodeID]] = []
        var a: UInt64 = 0
        var b = size2
        var m = size1
        var flag = true
        while m != b - a {
            let k = RFC6962.splitPoint(b - a)
            if m <= k {
                topDown.append(rangeNodes(a + k, b))
                b = a + k
            } else {
                topDown.append(rangeNodes(a, a + k))
                a += k
                m -= k
                flag = false
            }
        }
        if !flag { topDown.append(rangeNodes(a, b)) }
        return topDown.reversed()
    }

    // MARK: - Resolution

    private func resolve(_ plan: [[LedgerNodeID]]) async throws -> [[UInt8]] {
        var wanted = Set<LedgerNodeID>()
        for term in plan { wanted.formUnion(term) }
        let found = try await reader.nodes(Array(wanted))
        return try plan.map { term in
            var hash: [UInt8]? = nil
            for id in term.reversed() {
                guard let node = found[id], node.count == RFC6962.hashSize else {
                    throw LedgerError(.missingNode, "the store has no valid hash for \(id)")
                }
                hash = hash.map { RFC6962.nodeHash(node, $0) } ?? node
            }
            guard let hash else { throw LedgerError(.missingNode, "empty proof term") }
            return hash
        }
    }
}
