import Foundation

/// A C2SP signed note: UTF-8 text ending in a newline, a blank line, and signature lines.
///
/// See https://c2sp.org/signed-note. Parsing is strict: the text has no control characters other
/// than newline, the signature block is non-empty and ends in a newline, and every signature line
/// is well formed. The text ends at the *last* blank line, so it may itself contain blank lines.
/// Parsing does not verify; `verify(with:)` does. This is the one signed-note parser: the ledger's
/// checkpoints, witness cosignatures and Sigstore bundles' Rekor checkpoints all go through it.
public struct SignedNote: Sendable, Equatable {
    /// The note text, including its final newline.
    public let text: String
    /// The signature lines in order.
    public let signatures: [NoteSignature]

    /// The largest note accepted (a checkpoint is a few hundred bytes).
    public static let maxSize = 1 << 20
    /// The most signature lines accepted (as in golang.org/x/mod/sumdb/note).
    public static let maxSignatures = 100

    /// A note from its text (ending in a newline) and signature lines; nothing is checked.
    public init(text: String, signatures: [NoteSignature]) {
        self.text = text
        self.signatures = signatures
    }

    /// Parses a signed note.
    public init(parsing bytes: [UInt8]) throws(TransparencyError) {
        guard bytes.count <= Self.maxSize else {
            throw TransparencyError(.tooLarge, "a signed note is at most \(Self.maxSize) bytes, found \(bytes.count)")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw TransparencyError(.invalidNote, "a signed note is UTF-8")
        }
        // "The note text MUST NOT contain any ASCII control characters other than newline." On the
        // bytes of valid UTF-8: every byte of a multi-byte sequence is 0x80 or above, so a byte
        // below 0x20 or equal to 0x7F is exactly such a character.
        for byte in bytes where byte < 0x20 && byte != 0x0A || byte == 0x7F {
            throw TransparencyError(.invalidNote, "the note contains control character U+\(String(byte, radix: 16, uppercase: true))")
        }
        // "The note text MAY contain empty lines; the text is separated from the signatures by the
        // last empty line in the note." Everything after it is the signature block.
        guard let split = Self.lastBlankLine(in: bytes) else {
            throw TransparencyError(.invalidNote, "no blank line separates the note text from its signatures")
        }
        let textBytes = Array(bytes[..<(split + 1)])
        let signatureBytes = Array(bytes[(split + 2)...])
        guard !signatureBytes.isEmpty else {
            throw TransparencyError(.invalidNote, "the note has no signature lines")
        }
        guard signatureBytes.last == 0x0A else {
            throw TransparencyError(.invalidNote, "the signature block must end in a newline")
        }
        var signatures: [NoteSignature] = []
        for line in signatureBytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false) {
            guard signatures.count < Self.maxSignatures else {
                throw TransparencyError(.invalidNote, "a note carries at most \(Self.maxSignatures) signatures")
            }
            signatures.append(try Self.parseSignatureLine(Array(line)))
        }
        self.text = String(decoding: textBytes, as: UTF8.self)
        self.signatures = signatures
    }

    /// Parses a signed note from a string.
    public init(parsing text: String) throws(TransparencyError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// The serialized note: text, blank line, signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Verifies the note against `verifiers`, following https://c2sp.org/signed-note#signatures:
    /// "Verifiers MUST ignore signatures from unknown keys, even if they share a name or ID (but not
    /// both) with a known key"; a signature that claims a listed key and does not verify makes the
    /// note invalid ("clients SHOULD reject the whole note"); "If no signature from a known key
    /// verifies successfully, clients MUST reject the note."
    public func verify(with verifiers: [any NoteVerifier]) -> NoteVerdict {
        let textBytes = Array(text.utf8)
        var verified: [VerifiedNoteSignature] = []
        for signature in signatures {
            guard let verifier = verifiers.first(where: { $0.name == signature.name && $0.keyID == signature.keyID }) else {
                continue
            }
            switch verifier.verify(text: textBytes, signature: signature.signature) {
            case .verified:
                verified.append(VerifiedNoteSignature(name: signature.name, keyID: signature.keyID, cosignatureTimestamp: nil))
            case .verifiedCosignature(let timestamp):
                verified.append(VerifiedNoteSignature(name: signature.name, keyID: signature.keyID, cosignatureTimestamp: timestamp))
            case .invalid(let reason):
                return .invalid(reason)
            }
        }
        guard !verified.isEmpty else {
            let names = signatures.map(\.name).joined(separator: ", ")
            return .invalid("no signature by a listed key verified (signatures present: \(names.isEmpty ? "none" : names))")
        }
        return .valid(verifiedBy: verified)
    }

    /// Signs `text` with `signer` and returns the note.
    public static func sign(text: String, with signer: any NoteSigner) throws -> SignedNote {
        guard text.hasSuffix("\n") else { throw TransparencyError(.invalidNote, "note text must end in a newline") }
        let signature = try signer.sign(text: Array(text.utf8))
        return SignedNote(text: text, signatures: [NoteSignature(name: signer.name, keyID: signer.keyID, signature: signature)])
    }

    /// This note with one more signature line.
    public func adding(_ signature: NoteSignature) -> SignedNote {
        SignedNote(text: text, signatures: signatures + [signature])
    }

    private static func lastBlankLine(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == 0x0A && bytes[index + 1] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    private static func parseSignatureLine(_ line: [UInt8]) throws(TransparencyError) -> NoteSignature {
        let prefix: [UInt8] = Array("\u{2014} ".utf8)
        guard line.starts(with: prefix) else {
            throw TransparencyError(.invalidNote, "a signature line starts with an em dash and a space")
        }
        let rest = line.dropFirst(prefix.count)
        guard let space = rest.firstIndex(of: 0x20) else {
            throw TransparencyError(.invalidNote, "a signature line is '— NAME SIGNATURE'")
        }
        let name = String(decoding: rest[..<space], as: UTF8.self)
        guard NoteKeyID.isValidName(name) else {
            throw TransparencyError(.invalidNote, "signature key name '\(name.prefix(64))' is empty or contains whitespace or '+'")
        }
        let encoded = String(decoding: rest[(space + 1)...], as: UTF8.self)
        guard let decoded = Data(base64Encoded: encoded), decoded.count >= 5 else {
            throw TransparencyError(.invalidNote, "the signature by \(name) is not base64 of a key ID and a signature")
        }
        let bytes = Array(decoded)
        return NoteSignature(name: name, keyID: Array(bytes.prefix(4)), signature: Array(bytes.dropFirst(4)))
    }
}
