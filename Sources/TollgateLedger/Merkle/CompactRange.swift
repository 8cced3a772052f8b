import TollgateStore
import TollgateTransparency

/// The right edge of an RFC 6962 tree: one perfect-subtree hash per set bit of the size, largest
/// (leftmost) first. It is all a writer needs to append leaves and compute the root, so memory
/// stays at most 64 hashes however large the log grows.
public struct CompactRange: Sendable, Equatable {
    /// Number of leaves covered.
    public private(set) var size: UInt64
    /// Perfect-subtree hashes on the right edge, leftmost (tallest) first.
    public private(set) var hashes: [[UInt8]]

    /// An empty range.
    public init() {
        size = 0
        hashes = []
    }

    /// Appends a leaf hash and returns every node this completes: the leaf itself (level 0) and
    /// each perfect subtree closed by it, bottom-up.
    @discardableResult
    public mutating func append(_ leafHash: [UInt8]) -> [(LedgerNodeID, [UInt8])] {
        var created: [(LedgerNodeID, [UInt8])] = [(LedgerNodeID(level: 0, index: size), leafHash)]
        var hash = leafHash
        var level: UInt8 = 0
        var index = size
        // Each trailing 1 bit of the old size is a left sibling that merges with the new subtree.
        while index & 1 == 1, let left = hashes.popLast() {
            hash = RFC6962.nodeHash(left, hash)
            level += 1
            index >>= 1
            created.append((LedgerNodeID(level: level, index: index), hash))
        }
        hashes.append(hash)
        size += 1
        return created
    }

    /// MTH of the covered leaves (RFC 9162 §2.1.1).
    public func rootHash() -> [UInt8] {
        guard var hash = hashes.last else { return RFC6962.emptyRoot }
        for left in hashes.dropLast().reversed() {
            hash = RFC6962.nodeHash(left, hash)
        }
        return hash
    }

    /// The node IDs of the right edge of a tree of `size` leaves, leftmost first.
    public static func edgeNodeIDs(size: UInt64) -> [LedgerNodeID] {
        var ids: [LedgerNodeID] = []
        var start: UInt64 = 0
        for level in stride(from: 63, through: 0, by: -1) where size & (1 << UInt64(level)) != 0 {
            ids.append(LedgerNodeID(level: UInt8(level), index: start >> UInt64(level)))
            start += 1 << UInt64(level)
        }
        return ids
    }

    /// Rebuilds a range from its edge hashes (as returned for `edgeNodeIDs(size:)`).
    public init(size: UInt64, hashes: [[UInt8]]) throws(LedgerError) {
        guard hashes.count == size.nonzeroBitCount, hashes.allSatisfy({ $0.count == RFC6962.hashSize }) else {
            throw LedgerError(.invalidProof,
                              "a right edge for size \(size) has \(size.nonzeroBitCount) hashes of 32 bytes, found \(hashes.count)")
        }
        self.size = size
        self.hashes = hashes
    }

    /// `size` (8 bytes, big-endian) followed by the edge hashes: the head's opaque frontier.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(8 + hashes.count * RFC6962.hashSize)
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: size >> UInt64(shift))) }
        for hash in hashes { out.append(contentsOf: hash) }
        return out
    }

    /// Parses `serialized()`; an empty buffer is the empty range.
    public init(serialized bytes: [UInt8]) throws(LedgerError) {
        if bytes.isEmpty {
            self.init()
            return
        }
        guard bytes.count >= 8 else {
            throw LedgerError(.invalidProof, "a stored right edge has at least 8 bytes, found \(bytes.count)")
        }
        var size: UInt64 = 0
        for byte in bytes[0..<8] { size = size << 8 | UInt64(byte) }
        let body = bytes.count - 8
        guard body == size.nonzeroBitCount * RFC6962.hashSize else {
            throw LedgerError(.invalidProof,
                              "a stored right edge for size \(size) has \(size.nonzeroBitCount * 32) hash bytes, found \(body)")
        }
        var hashes: [[UInt8]] = []
        var offset = 8
        while offset < bytes.count {
            hashes.append(Array(bytes[offset..<offset + RFC6962.hashSize]))
            offset += RFC6962.hashSize
        }
        self.init(uncheckedSize: size, hashes: hashes)
    }

    private init(uncheckedSize size: UInt64, hashes: [[UInt8]]) {
        self.size = size
        self.hashes = hashes
    }
}
