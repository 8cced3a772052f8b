import Crypto
import Foundation

/// Signature checks that succeeded, remembered by the exact bytes they covered, so a batch of
/// bundles that repeat the same certificate, SCT, SET or checkpoint does not redo the same
/// elliptic-curve arithmetic (`verify-bundle --batch`, issue #13).
///
/// What makes this safe:
/// - a key is the SHA-256 of the complete input of the check: the kind of check, the verifying
///   key or issuer certificate DER, the signed bytes (or the child certificate DER) and the
///   signature, each length-prefixed. A different input hits only through a SHA-256 collision,
///   the property the Rekor Merkle tree, the artifact digests and the P-256 signatures (SCT, SET,
///   checkpoint: each signs a SHA-256 digest) already rest on. The digest is compared in full;
///   the dictionary's hash only picks the bucket;
/// - only successes are stored: a failed check runs again every time;
/// - one cache belongs to one ``SigstoreVerifier`` (one trusted root), lives as long as it, and
///   is never shared between verifiers or written to disk;
/// - every other step of verification (times, validity windows, identity, inclusion proofs,
///   the log entry body, the artifact signature) runs for every bundle.
///
/// Memory is bounded: the table is emptied when it holds ``capacity`` checks (32-byte keys, so a
/// batch of distinct bundles, which never hits, no longer copies and keeps every signed byte).
///
/// A ``Sighting`` (the check's kind and the last bytes of its signature) gates the key: the key
/// (a SHA-256 over the whole input, kilobytes a bundle) is computed only for a check whose
/// signature has succeeded before. A batch of distinct bundles, where no signature repeats,
/// then never hashes its inputs for the cache; a repeated bundle is checked in full twice (the
/// second time its key is stored) and answered from the table from the third time on. The
/// sighting only decides whether to look: a hit still needs the full key to match.
final class VerifiedSignatureCache: @unchecked Sendable {
    /// Checks kept before the table is emptied.
    static let capacity = 1 << 16

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

    /// The SHA-256 of the exact input of one check. Parts are length-prefixed, so no two
    /// different inputs hash the same bytes; they are hashed where they lie, not copied.
    struct Key: Hashable, Sendable {
        let digest: SHA256Digest

        init(_ kind: Kind, _ parts: [[UInt8]]) {
            var sha = SHA256()
            withUnsafeBytes(of: kind.rawValue) { sha.update(bufferPointer: $0) }
            for part in parts {
                withUnsafeBytes(of: UInt64(part.count).bigEndian) { sha.update(bufferPointer: $0) }
                part.withUnsafeBytes { sha.update(bufferPointer: $0) }
            }
            digest = sha.finalize()
        }
    }

    /// A check's kind and the last (up to) 32 bytes of its signature, packed into four words (no
    /// allocation, four integers to hash): only a hint that the full ``Key`` may be in the table.
    struct Sighting: Hashable, Sendable {
        let kind: Kind
        let length: Int
        let words: (UInt64, UInt64, UInt64, UInt64)

        init(_ kind: Kind, signature: some BidirectionalCollection<UInt8>) {
            self.kind = kind
            length = signature.count
            var packed: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            for (index, byte) in signature.suffix(32).enumerated() {
                let bits = UInt64(byte) << UInt64(8 * (index % 8))
                switch index / 8 {
                case 0: packed.0 |= bits
                case 1: packed.1 |= bits
                case 2: packed.2 |= bits
                default: packed.3 |= bits
                }
            }
            words = packed
        }

        static func == (lhs: Sighting, rhs: Sighting) -> Bool {
            lhs.kind == rhs.kind && lhs.length == rhs.length && lhs.words == rhs.words
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(kind)
            hasher.combine(length)
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }
    }

    private let lock = NSLock()
    private var entries: [Key: Int] = [:]
    private var sightings: Set<Sighting> = []
    private var hitCount = 0

    /// Whether a check with this kind and signature tail succeeded before: only then is its full
    /// key worth computing.
    func hasSeen(_ sighting: Sighting) -> Bool {
        lock.withLock { sightings.contains(sighting) }
    }

    /// The value stored with `key` when that exact check succeeded before.
    func lookup(_ key: Key) -> Int? {
        lock.withLock {
            let value = entries[key]
            if value != nil { hitCount += 1 }
            return value
        }
    }

    /// Remembers that a check succeeded: its sighting always, and its full `key` when one was
    /// computed (its signature had been seen before).
    func remember(_ sighting: Sighting, key: Key?, value: Int = 0) {
        lock.withLock {
            if sightings.count >= Self.capacity, !sightings.contains(sighting) {
                sightings.removeAll(keepingCapacity: true)
                entries.removeAll(keepingCapacity: true)
            }
            sightings.insert(sighting)
            guard let key else { return }
            if entries.count >= Self.capacity, entries[key] == nil {
                entries.removeAll(keepingCapacity: true)
            }
            entries[key] = value
        }
    }

    /// Runs a yes/no signature check through the table: answered from it when this exact check
    /// (the full key, computed only after a sighting) succeeded before; otherwise `check` runs and a
    /// success is remembered.
    func remembering(_ sighting: Sighting, key: () -> Key, check: () -> Bool) -> Bool {
        var fullKey: Key?
        if hasSeen(sighting) {
            let computed = key()
            if lookup(computed) != nil { return true }
            fullKey = computed
        }
        guard check() else { return false }
        remember(sighting, key: fullKey)
        return true
    }

    /// How many successful signatures are remembered (for tests).
    var count: Int { lock.withLock { sightings.count } }
    /// How many full keys are stored (for tests).
    var keyCount: Int { lock.withLock { entries.count } }
    /// How many checks were answered from the table (for tests).
    var hits: Int { lock.withLock { hitCount } }
}
