/// Signs the text of a C2SP signed note with one key.
public protocol NoteSigner: Sendable {
    /// The key name.
    var name: String { get }
    /// The 4-byte key ID.
    var keyID: [UInt8] { get }
    /// Signs `text` and returns the signature bytes (without the key ID).
    func sign(text: [UInt8]) throws -> [UInt8]
    /// The verifier for this key's signatures (the ledger checks what it signed with it).
    var noteVerifier: any NoteVerifier { get }
}
