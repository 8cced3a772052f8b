import Crypto

/// Key IDs of C2SP signed-note keys: `SHA-256(name || "\n" || type || public key)[:4]`.
///
/// See https://c2sp.org/signed-note#verifier-keys.
public enum NoteKeyID {
    /// The key ID for `name` and the typed key bytes (`type || public key`).
    public static func compute(name: String, typedKey: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8))
        hasher.update(data: [0x0A])
        hasher.update(data: typedKey)
        return Array(Array(hasher.finalize()).prefix(4))
    }

    /// The key ID of an Ed25519 key of signature `type` (0x01 signed-note, 0x04 cosignature/v1).
    public static func compute(name: String, type: UInt8, key: Curve25519.Signing.PublicKey) -> [UInt8] {
        compute(name: name, typedKey: [type] + Array(key.rawRepresentation))
    }

    /// Throws `transparency.invalid-key` unless `name` is a valid key name ("Key names MUST be
    /// non-empty and MUST NOT contain any Unicode spaces or plus (U+002B) characters").
    public static func checkName(_ name: String) throws(TransparencyError) {
        guard isValidName(name) else {
            throw TransparencyError(.invalidKey, "key name '\(name.prefix(64))' is empty or contains whitespace or '+'")
        }
    }

    /// Whether `name` is a valid key name: non-empty UTF-8 without whitespace or `+`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0 == "+" || $0.properties.isWhitespace || $0.value < 0x20 }
    }
}
