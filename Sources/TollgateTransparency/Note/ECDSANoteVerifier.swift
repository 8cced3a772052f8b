import Crypto
import Foundation
import TollgateModel

/// Verifies Rekor v1 checkpoint signatures: ECDSA P-256 with SHA-256 (ASN.1 DER) over the note
/// text, where the key ID is `SHA-256(PKIX DER public key)[:4]` rather than the C2SP formula.
///
/// See sigstore/rekor `pkg/util/signed_note.go` and https://c2sp.org/signed-note (legacy key hints).
public struct ECDSANoteVerifier: NoteVerifier {
    /// The key name signature lines carry.
    public private(set) var name: String
    /// The 4-byte key ID signature lines carry.
    public let keyID: [UInt8]
    let key: P256.Signing.PublicKey

    /// A verifier for signatures by `publicKey` under `name`.
    public init(name: String, publicKey: P256.Signing.PublicKey) {
        self.name = name
        self.key = publicKey
        self.keyID = Array(Array(SHA256.hash(data: publicKey.derRepresentation)).prefix(4))
    }

    /// Builds a verifier from a PEM `PUBLIC KEY` (P-256), loaded by TollgateModel's ``PublicKey``.
    public init(name: String, pem: String) throws(TransparencyError) {
        try NoteKeyID.checkName(name)
        let loaded: PublicKey
        do { loaded = try PublicKey(pem: pem) } catch {
            throw TransparencyError(.invalidKey, "expected a P-256 PUBLIC KEY in PEM form: \(error.reason)")
        }
        guard loaded.algorithm == .ecdsaP256, let key = try? P256.Signing.PublicKey(derRepresentation: loaded.spkiDER) else {
            throw TransparencyError(.invalidKey, "expected a P-256 PUBLIC KEY, found \(loaded.algorithm.name)")
        }
        self.init(name: name, publicKey: key)
    }

    /// The same key under another name. The key ID is kept, not recomputed: it hashes the key's
    /// DER, whose encoding converts the elliptic-curve point (a field inversion), which was a
    /// noticeable part of verifying a Sigstore bundle's checkpoint.
    public func named(_ name: String) -> ECDSANoteVerifier {
        var copy = self
        copy.name = name
        return copy
    }

    /// Checks `signature` (the bytes after the key ID) over the note `text`.
    public func verify(text: [UInt8], signature: [UInt8]) -> NoteSignatureCheck {
        guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else {
            return .invalid("the ECDSA signature by \(name) is not valid DER")
        }
        return key.isValidSignature(parsed, for: text) ? .verified : .invalid("ECDSA signature by \(name) does not verify")
    }
}
