import Foundation

/// A C2SP tlog-checkpoint body: origin, tree size, root hash and optional extension lines.
///
/// See https://c2sp.org/tlog-checkpoint#note-text. A checkpoint is the text of a signed note;
/// `SignedNote.verify` checks the signatures and this type checks the body.
public struct Checkpoint: Sendable, Equatable {
    /// The log's unique identity (first line), e.g. `tollgate.example/ledger`.
    public let origin: String
    /// Number of leaves committed to.
    public let size: UInt64
    /// RFC 6962 root hash, 32 bytes.
    public let rootHash: [UInt8]
    /// Extension lines after the root (without newlines), such as Rekor v1's `Timestamp: …`.
    public let extensions: [String]

    /// A checkpoint body from its parts (`rootHash` 32 bytes; extension lines non-empty, without newlines).
    public init(origin: String, size: UInt64, rootHash: [UInt8], extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensions = extensions
    }

    /// Parses the note text of a checkpoint.
    public init(text: String) throws(TransparencyError) {
        // Lines are split at U+000A on the UTF-8 bytes (a byte 0x0A is never inside a multi-byte
        // sequence), not by `Character`: a grapheme walk over every checkpoint was ~0.5% of a
        // `verify-bundle --batch` run, and C2SP separates lines by the byte, so "\r\n" is not one
        // line end here (a signed note refuses "\r" anyway).
        let bytes = Array(text.utf8)
        guard bytes.last == 0x0A else {
            throw TransparencyError(.invalidCheckpoint, "checkpoint text ends in a newline")
        }
        let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count >= 3 else {
            throw TransparencyError(.invalidCheckpoint, "a checkpoint has at least 3 lines (origin, size, root), found \(lines.count)")
        }
        let origin = String(decoding: lines[0], as: UTF8.self)
        guard !origin.isEmpty else { throw TransparencyError(.invalidCheckpoint, "the checkpoint origin line is empty") }
        // "The tree size is an ASCII decimal number without leading zeroes."
        let sizeBytes = lines[1]
        let sizeText = String(decoding: sizeBytes, as: UTF8.self)
        guard !sizeBytes.isEmpty, sizeBytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              sizeBytes.count == 1 || sizeBytes.first != UInt8(ascii: "0"), let size = UInt64(sizeText) else {
            throw TransparencyError(.invalidCheckpoint, "the checkpoint size is a decimal number without leading zeros, found '\(sizeText.prefix(32))'")
        }
        guard let root = Data(base64Encoded: Data(lines[2])), root.count == RFC6962.hashSize else {
            let rootText = String(decoding: lines[2], as: UTF8.self)
            throw TransparencyError(.invalidCheckpoint, "the checkpoint root is base64 of 32 bytes, found '\(rootText.prefix(64))'")
        }
        let extensionLines = lines.dropFirst(3)
        guard extensionLines.allSatisfy({ !$0.isEmpty }) else {
            throw TransparencyError(.invalidCheckpoint, "checkpoint extension lines are non-empty")
        }
        self.init(origin: origin, size: size, rootHash: Array(root), extensions: extensionLines.map { String(decoding: $0, as: UTF8.self) })
    }

    /// The note text: `origin\nsize\nbase64(root)\n` plus extension lines.
    public var text: String {
        var out = "\(origin)\n\(size)\n\(Data(rootHash).base64EncodedString())\n"
        for line in extensions { out += line + "\n" }
        return out
    }
}
