import Foundation
import TollgateModel
import TollgateTransparency

/// Proof that one entry is in the log under a signed checkpoint, checkable offline with nothing
/// but the log's verifier key (`docs/ledger.md#receipts`).
///
/// It carries the entry's leaf data (the canonical encoding, so the kind, time and actor are
/// read from the proved bytes themselves), its RFC 6962 leaf hash, the log's signed checkpoint
/// (a [C2SP signed note](https://c2sp.org/signed-note) over a
/// [tlog-checkpoint](https://c2sp.org/tlog-checkpoint) body) and the RFC 9162 §2.1.3 inclusion
/// proof at the checkpoint's size. The JSON form:
///
/// ```json
/// { "schemaVersion": "tollgate.dev/ledger-receipt/v1", "origin": "acme.example/tollgate",
///   "index": 12, "leafData": "<base64>", "leafHash": "<base64>",
///   "checkpoint": "acme.example/tollgate\n37\n<base64 root>\n\n— acme.example/tollgate <sig>\n",
///   "inclusionProof": ["<base64>", …] }
/// ```
///
/// Decoding (`init(json:)`) checks only the shape: size limits, base64, hash lengths. What the
/// receipt claims is checked by `verify(logKey:)`, which returns a verdict.
public struct LedgerInclusionReceipt: Sendable, Equatable {
    /// The `schemaVersion` this code writes and reads.
    public static let schemaVersion = "tollgate.dev/ledger-receipt/v1"
    /// The largest receipt document accepted (an entry is at most 64 KiB, a checkpoint a few
    /// hundred bytes, a proof at most 64 hashes).
    public static let maxSize = 256 * 1024
    /// The most proof hashes accepted (a tree of 2^64 leaves needs 64).
    public static let maxProofHashes = 64
    /// The longest origin accepted.
    public static let maxOriginLength = 1024

    /// The log's origin: the checkpoint's first line and the name of the log key.
    public let origin: String
    /// The entry's index in the log.
    public let index: UInt64
    /// The entry's leaf data (`LedgerEntry.encoded()`).
    public let leafData: Data
    /// `RFC6962.leafHash(leafData)`.
    public let leafHash: [UInt8]
    /// The serialized signed checkpoint note (text, blank line, signature lines).
    public let checkpoint: String
    /// The inclusion proof of `index` in the tree of the checkpoint's size, bottom-up.
    public let inclusionProof: [[UInt8]]

    public init(origin: String, index: UInt64, leafData: Data, leafHash: [UInt8], checkpoint: String, inclusionProof: [[UInt8]]) {
        self.origin = origin
        self.index = index
        self.leafData = leafData
        self.leafHash = leafHash
        self.checkpoint = checkpoint
        self.inclusionProof = inclusionProof
    }

    // MARK: - Verifying

    /// Verifies the receipt with the log's key (the vkey `tollgate ledger init` prints, parsed
    /// with `NoteVerifierKey.parse`). Every failure is a verdict naming the check; nothing throws.
    ///
    /// 1. the key is named after the receipt's origin;
    /// 2. the checkpoint note parses, and a plain signature by the key verifies over it
    ///    (signed-note: "a signature that claims a listed key and fails makes the note invalid");
    /// 3. the checkpoint body parses and names the same origin;
    /// 4. the entry index is below the checkpoint size;
    /// 5. the leaf hash equals `RFC6962.leafHash(leafData)`;
    /// 6. the inclusion proof leads from the leaf hash to the checkpoint's root (RFC 9162 §2.1.3.2);
    /// 7. the leaf data decodes as a ledger entry.
    public func verify(logKey: any NoteVerifier) -> LedgerReceiptVerdict {
        guard logKey.name == origin else {
            return .invalid(.init(.wrongKey, "the log key is named '\(logKey.name)', but the receipt's origin is '\(origin.prefix(100))'"))
        }
        let note: SignedNote
        do {
            note = try SignedNote(parsing: checkpoint)
        } catch {
            return .invalid(.init(.checkpointMalformed, "the checkpoint is not a signed note: \(error.reason)"))
        }
        let signers: [VerifiedNoteSignature]
        switch note.verify(with: [logKey]) {
        case .invalid(let reason):
            return .invalid(.init(.signature, reason))
        case .valid(let verified):
            signers = verified.filter { $0.cosignatureTimestamp == nil }
            guard !signers.isEmpty else {
                return .invalid(.init(.signature, "the checkpoint carries only a cosignature by '\(logKey.name)'; a log signature is required"))
            }
        }
        let body: Checkpoint
        do {
            body = try Checkpoint(text: note.text)
        } catch {
            return .invalid(.init(.checkpointMalformed, error.reason))
        }
        guard body.origin == origin else {
            return .invalid(.init(.originMismatch, "the signed checkpoint is for '\(body.origin.prefix(100))', the receipt for '\(origin.prefix(100))'"))
        }
        guard index < body.size else {
            return .invalid(.init(.indexNotCovered, "entry index \(index) is not below the checkpoint's tree size \(body.size)"))
        }
        let computed = RFC6962.leafHash(leafData)
        guard computed == leafHash else {
            return .invalid(.init(.leafHashMismatch, "the leaf data hashes to \(Hex.short(computed)), the receipt says \(Hex.short(leafHash))"))
        }
        let proof = MerkleVerifier.verifyInclusion(leafIndex: index, treeSize: body.size, leafHash: leafHash,
                                                   proof: inclusionProof, root: body.rootHash)
        if case .invalid(let reason) = proof {
            return .invalid(.init(.inclusionProof, reason))
        }
        let entry: LedgerEntry
        do {
            entry = try LedgerEntry(decoding: leafData)
        } catch {
            return .invalid(.init(.entryMalformed, "the leaf data is not a ledger entry: \(error.reason)"))
        }
        return .valid(VerifiedLedgerReceipt(origin: origin, index: index, entry: entry, leafHash: leafHash,
                                            checkpoint: body, verifiedBy: signers))
    }

    // MARK: - JSON

    /// Decodes the JSON form, checking its shape: at most `maxSize` bytes (`ledger.too-large`);
    /// an object with every field of the right type, the known `schemaVersion`, base64 that
    /// decodes, 32-byte hashes and at most `maxProofHashes` of them (`ledger.invalid-receipt`).
    /// Unknown fields are ignored.
    public init(json data: Data) throws(LedgerError) {
        guard data.count <= Self.maxSize else {
            throw LedgerError(.tooLarge, "a ledger receipt is at most \(Self.maxSize) bytes, found \(data.count)")
        }
        do {
            self = try JSONDecoder().decode(Self.self, from: data)
        } catch let error as LedgerError {
            throw error
        } catch let error as DecodingError {
            throw LedgerError(.invalidReceipt, Self.describe(error))
        } catch {
            throw LedgerError(.invalidReceipt, "the receipt is not valid JSON")
        }
    }

    /// The JSON form: pretty-printed with sorted keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// What each field holds, for error reasons.
    private static func expectation(_ path: [any CodingKey]) -> String {
        switch path.first.flatMap({ CodingKeys(stringValue: $0.stringValue) }) {
        case .index: "a non-negative integer"
        case .inclusionProof: "an array of base64 strings"
        case .some: "a string"
        case nil: "a JSON object"
        }
    }

    /// A reason naming the field, never a Swift type.
    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _):
            return "the receipt has no '\(key.stringValue)' field"
        case .valueNotFound(_, let context):
            return "receipt field '\(path(context.codingPath))' is null; expected \(expectation(context.codingPath))"
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                if case .typeMismatch = error { return "the receipt is not a JSON object" }
                return "the receipt is not valid JSON"
            }
            return "receipt field '\(path(context.codingPath))' is not \(expectation(context.codingPath))"
        @unknown default:
            return "the receipt cannot be decoded"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    private static func base64(_ text: String, field: String) throws(LedgerError) -> Data {
        guard let data = Data(base64Encoded: text) else {
            throw LedgerError(.invalidReceipt, "receipt field '\(field)' is not base64")
        }
        return data
    }

    private static func hash(_ text: String, field: String) throws(LedgerError) -> [UInt8] {
        let bytes = Array(try base64(text, field: field))
        guard bytes.count == RFC6962.hashSize else {
            throw LedgerError(.invalidReceipt, "receipt field '\(field)' is a \(RFC6962.hashSize)-byte hash, found \(bytes.count) bytes")
        }
        return bytes
    }
}

extension LedgerInclusionReceipt: Codable {
    enum CodingKeys: String, CodingKey {
        case schemaVersion, origin, index, leafData, leafHash, checkpoint, inclusionProof
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let version = try c.decode(String.self, forKey: .schemaVersion)
        guard version == Self.schemaVersion else {
            throw LedgerError(.invalidReceipt, "schemaVersion is '\(version.prefix(80))', expected '\(Self.schemaVersion)'")
        }
        let origin = try c.decode(String.self, forKey: .origin)
        guard !origin.isEmpty, origin.utf8.count <= Self.maxOriginLength else {
            throw LedgerError(.invalidReceipt, "the origin is 1 to \(Self.maxOriginLength) bytes, found \(origin.utf8.count)")
        }
        let index = try c.decode(UInt64.self, forKey: .index)
        let leafData = try Self.base64(try c.decode(String.self, forKey: .leafData), field: "leafData")
        guard !leafData.isEmpty, leafData.count <= LedgerEntry.maxEncodedSize else {
            throw LedgerError(.invalidReceipt, "the leaf data is 1 to \(LedgerEntry.maxEncodedSize) bytes, found \(leafData.count)")
        }
        let leafHash = try Self.hash(try c.decode(String.self, forKey: .leafHash), field: "leafHash")
        let checkpoint = try c.decode(String.self, forKey: .checkpoint)
        let proofText = try c.decode([String].self, forKey: .inclusionProof)
        guard proofText.count <= Self.maxProofHashes else {
            throw LedgerError(.invalidReceipt, "an inclusion proof has at most \(Self.maxProofHashes) hashes, found \(proofText.count)")
        }
        var proof: [[UInt8]] = []
        for (position, text) in proofText.enumerated() {
            proof.append(try Self.hash(text, field: "inclusionProof[\(position)]"))
        }
        self.init(origin: origin, index: index, leafData: leafData, leafHash: leafHash, checkpoint: checkpoint, inclusionProof: proof)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        try c.encode(origin, forKey: .origin)
        try c.encode(index, forKey: .index)
        try c.encode(leafData.base64EncodedString(), forKey: .leafData)
        try c.encode(Data(leafHash).base64EncodedString(), forKey: .leafHash)
        try c.encode(checkpoint, forKey: .checkpoint)
        try c.encode(inclusionProof.map { Data($0).base64EncodedString() }, forKey: .inclusionProof)
    }
}
