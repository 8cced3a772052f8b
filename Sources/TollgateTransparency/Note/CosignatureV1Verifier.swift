import Crypto

/// Verifies tlog-cosignature/v1 witness cosignatures (key type 0x04, Ed25519).
///
/// The signature bytes are `timestamp (8 bytes, big-endian) || Ed25519 signature`, and the signed
/// message is `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint text.
/// See https://c2sp.org/tlog-cosignature#format.
public struct CosignatureV1Verifier: NoteVerifier {
    /// The key name signature lines carry.
    public let name: String
    /// The 4-byte key ID signature lines carry.
    public let keyID: [UInt8]
    let key: Curve25519.Signing.PublicKey

    /// The signed-note key type byte for timestamped Ed25519 cosignatures.
    public static let keyType: UInt8 = 0x04

    /// A verifier for signatures by `publicKey` under `name`.
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) {
        (self.name, key) = (name, publicKey)
        keyID = NoteKeyID.compute(name: name, type: Self.keyType, key: publicKey)
    }

    /// The message a cosignature at `timestamp` signs.
    public static func message(timestamp: UInt64, text: [UInt8]) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n".utf8) + text
    }

    /// Checks `signature` (the bytes after the key ID) over the note `text`.
    public func verify(text: [UInt8], signature: [UInt8]) -> NoteSignatureCheck {
        guard signature.count == 8 + 64 else {
            return .invalid("a cosignature/v1 has 72 bytes after the key ID, found \(signature.count)")
        }
        var timestamp: UInt64 = 0
        for byte in signature.prefix(8) { timestamp = timestamp << 8 | UInt64(byte) }
        let message = Self.message(timestamp: timestamp, text: text)
        guard key.isValidSignature(Array(signature.dropFirst(8)), for: message) else {
            return .invalid("cosignature by \(name) at time \(timestamp) does not verify")
        }
        return .verifiedCosignature(timestamp: timestamp)
    }

    /// The C2SP verifier key string `name+hex(keyID)+base64(0x04 || key)`.
    public var verifierKey: String {
        NoteVerifierKey.format(name: name, keyID: keyID, typedKey: [Self.keyType] + Array(key.rawRepresentation))
    }
}
