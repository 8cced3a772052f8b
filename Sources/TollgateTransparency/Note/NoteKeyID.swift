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

    /// Whether `name` is a valid key name: non-empty UTF-8 without whitespace or `+`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0 == "+" || $0.properties.isWhitespace || $0.value < 0x20 }
    }
}
