import Crypto
import Foundation

/// RFC 6962 / RFC 9162 §2.1.1 hashing with SHA-256: leaves are hashed with a 0x00 prefix and
/// interior nodes with 0x01, so a leaf can never be confused with a node (second preimages).
///
/// See https://www.rfc-editor.org/rfc/rfc6962#section-2.1 and
/// https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1.
public enum RFC6962 {
    /// Hash size in bytes.
    public static let hashSize = 32

    /// `MTH({}) = SHA-256()`, the root of the empty tree.
    public static let emptyRoot: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

    /// `SHA-256(0x00 || data)`, the leaf hash of RFC 6962 §2.1.
    public static func leafHash<D: DataProtocol>(_ data: D) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: data)
        return Array(hasher.finalize())
    }

    /// `SHA-256(0x01 || left || right)`, the interior node hash of RFC 6962 §2.1.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    /// The largest power of two strictly less than `n` (n ≥ 2), the split point `k` of RFC 9162 §2.1.1.
    @inline(__always)
    public static func splitPoint(_ n: UInt64) -> UInt64 {
        1 << (63 - UInt64((n - 1).leadingZeroBitCount))
    }
}
