import Foundation
import TollgateModel

/// A typed ledger entry: kind, time, actor and the digest of its payload.
///
/// The leaf data of the Merkle log is `encoded()`, a canonical, versioned binary encoding
/// (`docs/ledger.md#entry-encoding`):
///
/// ```
/// "TGLE" | version 0x01 | u8 len, kind | i64 BE unix milliseconds | u16 len, actor |
/// u8 len, digest algorithm | u8 len, digest bytes | u32 len, inline payload (0 = stored beside)
/// ```
///
/// Payloads up to `inlineLimit` bytes are carried inline; larger ones (SBOMs, attestations) are
/// stored by digest beside the log, and the entry commits to them through `payloadDigest`.
public struct LedgerEntry: Sendable, Equatable {
    public let kind: LedgerEntryKind
    /// The entry time, with millisecond precision.
    public let time: Date
    /// Who appended it: a token name or key ID.
    public let actor: String
    /// SHA-256 of the payload bytes.
    public let payloadDigest: Digest
    /// The payload (canonical JSON for the built-in kinds), or nil when stored beside the log and
    /// not loaded.
    public let payload: Data?

    /// The encoding version written by this code.
    public static let version: UInt8 = 1
    /// Payloads larger than this are stored by digest beside the log.
    public static let inlineLimit = 16 * 1024
    /// The largest encoded entry accepted by the decoder.
    public static let maxEncodedSize = 64 * 1024
    static let magic: [UInt8] = Array("TGLE".utf8)

    /// Builds an entry; the payload digest is computed here. `time` is truncated to milliseconds.
    ///
    /// This value is for encoding and inspection: `Ledger` never appends a caller's entry or time.
    /// It stamps every entry with its own clock (`Ledger.append(kind:actor:payload:)`).
    public init(kind: LedgerEntryKind, time: Date, actor: String, payload: Data) throws(LedgerError) {
        guard !actor.isEmpty, actor.utf8.count <= 1024 else {
            throw LedgerError(.invalidEntry, "the actor is 1 to 1024 bytes, found \(actor.utf8.count)")
        }
        self.kind = kind
        self.time = Date(timeIntervalSince1970: Double(Self.milliseconds(time)) / 1000)
        self.actor = actor
        self.payloadDigest = DigestAlgorithm.sha256.hash(payload)
        self.payload = payload
    }

    init(kind: LedgerEntryKind, time: Date, actor: String, payloadDigest: Digest, payload: Data?) {
        self.kind = kind
        self.time = time
        self.actor = actor
        self.payloadDigest = payloadDigest
        self.payload = payload
    }

    /// Whether the payload is carried outside the entry.
    public var payloadIsDetached: Bool {
        guard let payload else { return true }
        return payload.count > Self.inlineLimit
    }

    /// The canonical encoding (the Merkle leaf data).
    public func encoded() -> Data {
        var out = Data()
        out.append(contentsOf: Self.magic)
        out.append(Self.version)
        let kindBytes = Array(kind.rawValue.utf8)
        out.append(UInt8(kindBytes.count))
        out.append(contentsOf: kindBytes)
        out.append(contentsOf: Self.timeField(Self.milliseconds(time)))
        let actorBytes = Array(actor.utf8)
        out.append(UInt8(actorBytes.count >> 8))
        out.append(UInt8(actorBytes.count & 0xFF))
        out.append(contentsOf: actorBytes)
        let algorithm = Array(payloadDigest.algorithm.rawValue.utf8)
        out.append(UInt8(algorithm.count))
        out.append(contentsOf: algorithm)
        out.append(UInt8(payloadDigest.bytes.count))
        out.append(contentsOf: payloadDigest.bytes)
        let inline = payloadIsDetached ? Data() : (payload ?? Data())
        let count = UInt32(inline.count)
        for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: count >> UInt32(shift))) }
        out.append(inline)
        return out
    }

    /// Decodes and validates an encoded entry: known version and kind, exact length, and an inline
    /// payload that matches its digest.
    public init(decoding data: Data) throws(LedgerError) {
        guard data.count <= Self.maxEncodedSize else {
            throw LedgerError(.tooLarge, "an encoded entry is at most \(Self.maxEncodedSize) bytes, found \(data.count)")
        }
        var reader = ByteReader(Array(data))
        let (kind, ms) = try Self.readHeader(&reader)
        let actorLength = Int(try reader.byte()) << 8 | Int(try reader.byte())
        guard let actor = String(validating: try reader.bytes(actorLength), as: UTF8.self), !actor.isEmpty else {
            throw LedgerError(.invalidEntry, "entry actor is empty or not UTF-8")
        }
        let algorithmName = String(decoding: try reader.bytes(Int(try reader.byte())), as: UTF8.self)
        guard let algorithm = DigestAlgorithm(rawValue: algorithmName) else {
            throw LedgerError(.invalidEntry, "unknown payload digest algorithm '\(algorithmName.prefix(32))'")
        }
        let digestBytes = try reader.bytes(Int(try reader.byte()))
        let digest: Digest
        do {
            digest = try Digest(algorithm: algorithm, bytes: digestBytes)
        } catch {
            throw LedgerError(.invalidEntry, error.reason)
        }
        var payloadLength = 0
        for byte in try reader.bytes(4) { payloadLength = payloadLength << 8 | Int(byte) }
        let payload = try reader.bytes(payloadLength)
        guard reader.isAtEnd else { throw LedgerError(.invalidEntry, "entry has \(reader.remaining) trailing bytes") }
        var inline: Data? = nil
        if payloadLength > 0 {
            guard payloadLength <= Self.inlineLimit else {
                throw LedgerError(.invalidEntry, "inline payload is at most \(Self.inlineLimit) bytes, found \(payloadLength)")
            }
            guard algorithm.hash(payload) == digest else {
                throw LedgerError(.invalidEntry, "inline payload does not match its digest \(digest)")
            }
            inline = Data(payload)
        } else if digest == algorithm.hash(Data()) {
            inline = Data()
        }
        self.init(kind: kind, time: Self.date(milliseconds: ms), actor: actor, payloadDigest: digest, payload: inline)
    }

    /// The time field of an encoded entry, in Unix milliseconds, reading only the header
    /// (magic, version, kind, time): the ledger reads its last entry's time under the write lock.
    static func encodedMilliseconds(_ data: Data) throws(LedgerError) -> Int64 {
        var reader = ByteReader(Array(data.prefix(Self.magic.count + 2 + 255 + 8)))
        return try readHeader(&reader).milliseconds
    }

    /// The offset of the 8-byte time field in the encoding of an entry of `kind`.
    static func timeOffset(kind: LedgerEntryKind) -> Int {
        magic.count + 2 + kind.rawValue.utf8.count
    }

    /// Reads magic, version, kind and time.
    private static func readHeader(_ reader: inout ByteReader) throws(LedgerError) -> (kind: LedgerEntryKind, milliseconds: Int64) {
        guard try reader.bytes(4) == Self.magic else { throw LedgerError(.invalidEntry, "entry does not start with TGLE") }
        let version = try reader.byte()
        guard version == Self.version else {
            throw LedgerError(.invalidEntry, "entry encoding version is \(version), this build reads version \(Self.version)")
        }
        let kindText = String(decoding: try reader.bytes(Int(try reader.byte())), as: UTF8.self)
        guard let kind = LedgerEntryKind(rawValue: kindText) else {
            throw LedgerError(.invalidEntry, "unknown entry kind '\(kindText.prefix(64))'")
        }
        var ms: UInt64 = 0
        for byte in try reader.bytes(8) { ms = ms << 8 | UInt64(byte) }
        return (kind, Int64(bitPattern: ms))
    }

    /// This entry with its detached payload filled in after checking it against the digest.
    public func withPayload(_ data: Data) throws(LedgerError) -> LedgerEntry {
        guard payloadDigest.algorithm.hash(data) == payloadDigest else {
            throw LedgerError(.invalidEntry, "stored blob does not match the entry's payload digest \(payloadDigest)")
        }
        return LedgerEntry(kind: kind, time: time, actor: actor, payloadDigest: payloadDigest, payload: data)
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The encoded time field: Unix milliseconds as a big-endian i64.
    static func timeField(_ milliseconds: Int64) -> [UInt8] {
        let ms = UInt64(bitPattern: milliseconds)
        return stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: ms >> UInt64($0)) }
    }

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

/// A bounds-checked cursor over bytes; every read throws `invalidEntry` on truncation.
struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }
    var remaining: Int { bytes.count - offset }

    mutating func byte() throws(LedgerError) -> UInt8 {
        guard offset < bytes.count else { throw LedgerError(.invalidEntry, "entry is truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bytes(_ count: Int) throws(LedgerError) -> [UInt8] {
        guard count >= 0, count <= bytes.count - offset else { throw LedgerError(.invalidEntry, "entry is truncated") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }
}
