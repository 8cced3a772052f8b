import Foundation

/// One signature line of a C2SP signed note: `— <name> base64(keyID[4] || signature)`.
///
/// See https://c2sp.org/signed-note#signatures.
public struct NoteSignature: Sendable, Equatable {
    /// The key name (no whitespace, no `+`).
    public let name: String
    /// The 4-byte key ID that selects the verifier.
    public let keyID: [UInt8]
    /// The signature bytes after the key ID.
    public let signature: [UInt8]

    /// A signature line from its parts.
    public init(name: String, keyID: [UInt8], signature: [UInt8]) {
        self.name = name
        self.keyID = keyID
        self.signature = signature
    }

    /// The signature line, with its final newline.
    public var line: String {
        "\u{2014} \(name) \(Data(keyID + signature).base64EncodedString())\n"
    }
}
