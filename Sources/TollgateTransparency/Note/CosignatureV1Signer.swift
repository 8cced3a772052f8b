import Crypto

/// Produces tlog-cosignature/v1 witness cosignatures (key type 0x04) at a given time.
///
/// See https://c2sp.org/tlog-cosignature. The witness role of `tollgate ledger verify --cosign`.
public struct CosignatureV1Signer: Sendable {
    /// The key name signature lines carry.
    public let name: String
    /// The 4-byte key ID signature lines carry.
    public let keyID: [UInt8]
    let key: Curve25519.Signing.PrivateKey

    /// A signer for `name`; throws `transparency.invalid-key` for an empty name or one with whitespace or `+`.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws(TransparencyError) {
        try NoteKeyID.checkName(name)
        (self.name, key) = (name, privateKey)
        keyID = NoteKeyID.compute(name: name, type: CosignatureV1Verifier.keyType, key: privateKey.publicKey)
    }

    /// Cosigns checkpoint `text` at `timestamp` (Unix seconds).
    public func cosign(text: [UInt8], timestamp: UInt64) throws -> NoteSignature {
        let signature = try key.signature(for: CosignatureV1Verifier.message(timestamp: timestamp, text: text))
        var bytes: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: timestamp >> UInt64(shift))) }
        return NoteSignature(name: name, keyID: keyID, signature: bytes + Array(signature))
    }

    /// The matching verifier.
    public var verifier: CosignatureV1Verifier { CosignatureV1Verifier(name: name, publicKey: key.publicKey) }
}
