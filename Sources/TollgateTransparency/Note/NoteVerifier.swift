/// Verifies signatures by one key of a C2SP signed note. A note's signature is checked by the
/// verifier whose `name` and `keyID` both match the signature line.
public protocol NoteVerifier: Sendable {
    /// The key name.
    var name: String { get }
    /// The 4-byte key ID.
    var keyID: [UInt8] { get }
    /// Checks `signature` (the bytes after the key ID) over the note `text`.
    /// Returns the cosignature timestamp for timestamped signature types, or nil for plain ones;
    /// throws nothing: an unverifiable signature returns `.invalid`.
    func verify(text: [UInt8], signature: [UInt8]) -> NoteSignatureCheck
}
