import Crypto
import Foundation

/// Verifies Rekor v1 checkpoint signatures: ECDSA P-256 with SHA-256 (ASN.1 DER) over the note
/// text, where the key ID is `SHA-256(PKIX DER public key)[:4]` rather than the C2SP formula.
///
/// See sigstore/rekor `pkg/util/signed_note.go` and https://c2sp.org/signed-note (legacy key hints).
public struct ECDSANoteVerifier: NoteVerifier {
    public let name: String
    public let keyID: [UInt8]
    let key: P256.Signing.PublicKey

    public init(name: String, publicKey: P256.Signing.PublicKey) {
        self.name = name
        self.key = publicKey
        self.keyID = Array(Array(SHA256.hash(data: publicKey.derRepresentation)).prefix(4))
    }

    /// Builds a verifier from a PEM `PUBLIC KEY` (P-256).
    public init(name: String, pem: String) throws(LedgerError) {
        guard NoteKeyID.isValidName(name) else {
            throw LedgerError(.invalidKey, "key name '\(name.prefix(64))' is empty or contains whitespace or '+'")
        }
        do {
            self.init(name: name, publicKey: try P256.Signing.PublicKey(pemRepresentation: pem))
        } catch {
            throw LedgerError(.invalidKey, "expected a P-256 PUBLIC KEY in PEM form: \(error)")
        }
    }

    public func verify(text: [UInt8], signature: [UInt8]) -> NoteSignatureCheck {
        guard let parsed = try? P256.Signing.ECDSASignature(derRepresentation: signature) else {
            return .invalid("the ECDSA signature by \(name) is not valid DER")
        }
        return key.isValidSignature(parsed, for: text) ? .verified : .invalid("ECDSA signature by \(name) does not verify")
    }
}
