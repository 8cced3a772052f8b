import Foundation

/// A C2SP tlog-checkpoint inside a C2SP signed note (c2sp.org/tlog-checkpoint,
/// c2sp.org/signed-note): origin line, decimal tree size, base64 root hash, optional extension
/// lines, a blank line, then one or more signature lines `— <name> base64(keyID[4] || sig)`.
struct Checkpoint: Equatable {
    struct SignatureLine: Equatable {
        let name: String
        let keyID: [UInt8]
        let signature: [UInt8]
    }

    let origin: String
    let treeSize: UInt64
    let rootHash: [UInt8]
    /// The signed text: everything up to and including the newline before the blank line.
    let body: [UInt8]
    let signatures: [SignatureLine]

    static let maxBytes = 1 << 20
    static let maxSignatures = 100

    /// Parses a note. Throws a sentence describing the first violation of the formats.
    init(note: String) throws(CheckpointFormatError) {
        let bytes = Array(note.utf8)
        guard bytes.count <= Self.maxBytes else { throw CheckpointFormatError("the checkpoint is too large") }
        // signed-note: "A note MUST NOT contain ASCII control characters other than newline."
        guard !bytes.contains(where: { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }) else {
            throw CheckpointFormatError("the checkpoint contains a control character other than newline")
        }
        guard let separator = note.range(of: "\n\n") else {
            throw CheckpointFormatError("the checkpoint has no blank line between text and signatures")
        }
        let text = String(note[..<separator.lowerBound]) + "\n"
        let signatureBlock = String(note[separator.upperBound...])
        guard signatureBlock.hasSuffix("\n") else {
            throw CheckpointFormatError("the checkpoint's signature block does not end in a newline")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard lines.count >= 3 else {
            throw CheckpointFormatError("the checkpoint needs origin, size and root hash lines (found \(lines.count) lines)")
        }
        let origin = String(lines[lines.startIndex])
        guard !origin.isEmpty else { throw CheckpointFormatError("the checkpoint origin line is empty") }
        let sizeLine = lines[lines.startIndex + 1]
        guard !sizeLine.isEmpty, sizeLine.allSatisfy(\.isASCIIDigit), !(sizeLine.count > 1 && sizeLine.first == "0"),
              let size = UInt64(sizeLine) else {
            throw CheckpointFormatError("the checkpoint size line \"\(sizeLine.prefix(30))\" is not a decimal tree size")
        }
        guard let root = Base64Bytes.decode(String(lines[lines.startIndex + 2])), root.count == 32 else {
            throw CheckpointFormatError("the checkpoint root hash line is not a base64 32-byte hash")
        }
        var signatures: [SignatureLine] = []
        for line in signatureBlock.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard line.hasPrefix("\u{2014} ") else {
                throw CheckpointFormatError("a checkpoint signature line does not start with an em dash")
            }
            let parts = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty,
                  let blob = Base64Bytes.decode(String(parts[1])), blob.count > 4 else {
                throw CheckpointFormatError("a checkpoint signature line is not \"— name base64(keyID||signature)\"")
            }
            signatures.append(SignatureLine(name: String(parts[0]), keyID: Array(blob.prefix(4)), signature: Array(blob.dropFirst(4))))
            guard signatures.count <= Self.maxSignatures else { throw CheckpointFormatError("the checkpoint has too many signatures") }
        }
        guard !signatures.isEmpty else { throw CheckpointFormatError("the checkpoint has no signature lines") }
        self.origin = origin
        treeSize = size
        rootHash = root
        body = Array(text.utf8)
        self.signatures = signatures
    }
}

/// Why a checkpoint note does not parse.
struct CheckpointFormatError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
