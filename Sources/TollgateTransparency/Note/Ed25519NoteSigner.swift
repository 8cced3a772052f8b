import Crypto

/// Signs notes with an Ed25519 key (type 0x01): the log's checkpoint signer.
public struct Ed25519NoteSigner: NoteSigner {
    /// The key name signature lines carry.
    public let name: String
    /// The 4-byte key ID signature lines carry.
    public let keyID: [UInt8]
    let key: Curve25519.Signing.PrivateKey

    /// A signer for `name`; throws `transparency.invalid-key` for an empty name or one with whitespace or `+`.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws(TransparencyError) {
        try NoteKeyID.checkName(name)
        (self.name, key) = (name, privateKey)
        keyID = NoteKeyID.compute(name: name, type: Ed25519NoteVerifier.keyType, key: privateKey.publicKey)
    }

    /// The Ed25519 signature over the note `text`.
    public func sign(text: [UInt8]) throws -> [UInt8] {
        Array(try key.signature(for: text))
    }

    /// The matching verifier.
    public var verifier: Ed25519NoteVerifier { Ed25519NoteVerifier(name: name, publicKey: key.publicKey) }

    /// The matching verifier, as a `NoteVerifier`.
    public var noteVerifier: any NoteVerifier { verifier }
}
