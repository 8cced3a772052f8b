import Foundation

/// Signature checks that succeeded, remembered by the exact bytes they covered, so a batch of
/// bundles that repeat the same certificate, SCT, SET or checkpoint does not redo the same
/// elliptic-curve arithmetic (`verify-bundle --batch`, issue #13).
///
/// What makes this safe:
/// - a key is the complete input of the check, byte for byte: the kind of check, the verifying
///   key or issuer certificate DER, the signed bytes (or the child certificate DER) and the
///   signature. Keys are compared in full (`==` on the bytes); the hash only picks the bucket,
///   so a hash collision cannot make a different input hit;
/// - only successes are stored: a failed check runs again every time;
/// - one cache belongs to one ``SigstoreVerifier`` (one trusted root), lives as long as it, and
///   is never shared between verifiers or written to disk;
/// - every other step of verification (times, validity windows, identity, inclusion proofs,
///   the log entry body, the artifact signature) runs for every bundle.
///
/// Memory is bounded: the table is emptied when its keys reach ``capacityBytes``.
final class VerifiedSignatureCache: @unchecked Sendable {
    /// Bytes of keys kept before the table is emptied.
    static let capacityBytes = 16 << 20

    enum Kind: UInt8 {
        /// A leaf certificate validated against a set of anchors at one instant (swift-certificates'
        /// `Verifier` with the RFC 5280 and Fulcio policies); the value is the issuer's index.
        case certificateChain = 1
        /// An SCT signature by a CT log key.
        case signedCertificateTimestamp = 2
        /// A Rekor signed entry timestamp (inclusion promise).
        case signedEntryTimestamp = 3
        /// A signed-note (checkpoint) signature line.
        case noteSignature = 4
        /// An RFC 3161 timestamp's CMS signature by a timestamp authority of the trusted root.
        case timestampSignature = 5
    }

    /// The exact input of one check. Parts are length-prefixed, so no two different inputs
    /// flatten to the same bytes.
    struct Key: Hashable, Sendable {
        let bytes: [UInt8]
        private let hash: Int

        init(_ kind: Kind, _ parts: [[UInt8]]) {
            var bytes: [UInt8] = [kind.rawValue]
            bytes.reserveCapacity(1 + parts.reduce(0) { $0 + 8 + $1.count })
            for part in parts {
                let count = UInt64(part.count)
                for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: count >> UInt64(shift))) }
                bytes.append(contentsOf: part)
            }
            var hasher = Hasher()
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
            self.bytes = bytes
            self.hash = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.hash == rhs.hash && lhs.bytes == rhs.bytes }
    }

    private let lock = NSLock()
    private var entries: [Key: Int] = [:]
    private var storedBytes = 0

    /// The value stored with `key` when that exact check succeeded before.
    func lookup(_ key: Key) -> Int? {
        lock.withLock { entries[key] }
    }

    /// Remembers that the check `key` succeeded.
    func remember(_ key: Key, value: Int = 0) {
        lock.withLock {
            if storedBytes + key.bytes.count > Self.capacityBytes {
                entries.removeAll(keepingCapacity: true)
                storedBytes = 0
            }
            if entries.updateValue(value, forKey: key) == nil { storedBytes += key.bytes.count }
        }
    }

    /// How many checks are remembered (for tests).
    var count: Int { lock.withLock { entries.count } }
}
