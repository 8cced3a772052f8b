import Crypto

/// Verifies Ed25519 signed-note signatures (key type 0x01) over the note text.
///
/// See https://c2sp.org/signed-note#ed25519.
public struct Ed25519NoteVerifier: NoteVerifier {
    /// The key name signature lines carry.
    public let name: String
    /// The 4-byte key ID signature lines carry.
    public let keyID: [UInt8]
    let key: Curve25519.Signing.PublicKey

    /// The signed-note key type byte for Ed25519.
    public static let keyType: UInt8 = 0x01

    /// A verifier for signatures by `publicKey` under `name`.
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) {
        (self.name, key) = (name, publicKey)
        keyID = NoteKeyID.compute(name: name, type: Self.keyType, key: publicKey)
    }

    /// Checks `signature` (the bytes after the key ID) over the note `text`.
    public func verify(text: [UInt8], signature: [UInt8]) -> NoteSignatureCheck {
        guard signature.count == 64 else {
            return .invalid("an Ed25519 signature has 64 bytes, found \(signature.count)")
        }
        return key.isValidSignature(signature, for: text) ? .verified : .invalid("Ed25519 signature by \(name) does not verify")
    }

    /// The C2SP verifier key string `name+hex(keyID)+base64(0x01 || key)`.
    public var verifierKey: String {
        NoteVerifierKey.format(name: name, keyID: keyID, typedKey: [Self.keyType] + Array(key.rawRepresentation))
    }
}
