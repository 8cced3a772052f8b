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
        guard text.hasSuffix("\n") else {
            throw TransparencyError(.invalidCheckpoint, "checkpoint text ends in a newline")
        }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3 else {
            throw TransparencyError(.invalidCheckpoint, "a checkpoint has at least 3 lines (origin, size, root), found \(lines.count)")
        }
        let origin = lines[0]
        guard !origin.isEmpty else { throw TransparencyError(.invalidCheckpoint, "the checkpoint origin line is empty") }
        let sizeText = lines[1]
        // "The tree size is an ASCII decimal number without leading zeroes."
        guard !sizeText.isEmpty, sizeText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              sizeText == "0" || !sizeText.hasPrefix("0"), let size = UInt64(sizeText) else {
            throw TransparencyError(.invalidCheckpoint, "the checkpoint size is a decimal number without leading zeros, found '\(sizeText.prefix(32))'")
        }
        guard let root = Data(base64Encoded: lines[2]), root.count == RFC6962.hashSize else {
            throw TransparencyError(.invalidCheckpoint, "the checkpoint root is base64 of 32 bytes, found '\(lines[2].prefix(64))'")
        }
        let extensions = Array(lines.dropFirst(3))
        guard extensions.allSatisfy({ !$0.isEmpty }) else {
            throw TransparencyError(.invalidCheckpoint, "checkpoint extension lines are non-empty")
        }
        self.init(origin: origin, size: size, rootHash: Array(root), extensions: extensions)
    }

    /// The note text: `origin\nsize\nbase64(root)\n` plus extension lines.
    public var text: String {
        var out = "\(origin)\n\(size)\n\(Data(rootHash).base64EncodedString())\n"
        for line in extensions { out += line + "\n" }
        return out
    }
}
