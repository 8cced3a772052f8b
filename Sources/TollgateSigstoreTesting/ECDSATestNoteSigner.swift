import Crypto
import TollgateTransparency

/// Signs checkpoints as a Rekor v1 log does: ECDSA P-256 with SHA-256 (DER) over the note text,
/// under the legacy key ID `SHA-256(PKIX DER)[:4]`, which ``ECDSANoteVerifier`` defines and computes.
struct ECDSATestNoteSigner: NoteSigner {
    let name: String
    let key: P256.Signing.PrivateKey
    let verifier: ECDSANoteVerifier

    init(name: String, key: P256.Signing.PrivateKey) {
        self.name = name
        self.key = key
        verifier = ECDSANoteVerifier(name: name, publicKey: key.publicKey)
    }

    var keyID: [UInt8] { verifier.keyID }

    func sign(text: [UInt8]) throws -> [UInt8] {
        Array(try key.signature(for: text).derRepresentation)
    }

    var noteVerifier: any NoteVerifier { verifier }
}
