import Crypto
import Foundation
import TollgateModel

/// C2SP verifier key strings: `<name>+<hex key ID>+<base64(type || public key)>`.
///
/// See https://c2sp.org/signed-note#verifier-keys. The base64 part may itself contain `+`, so the
/// string is split on the first two `+` only.
public enum NoteVerifierKey {
    /// Parses a verifier key into a verifier: type 0x01 (Ed25519) or 0x04 (cosignature/v1).
    ///
    /// The key ID in the string must equal the one computed from the name and key, so a key
    /// string cannot claim another key's ID.
    public static func parse(_ text: String) throws(TransparencyError) -> any NoteVerifier {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= 4096 else { throw TransparencyError(.invalidKey, "verifier key is longer than 4096 bytes") }
        let parts = trimmed.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw TransparencyError(.invalidKey, "expected NAME+KEYID+KEY, found \(parts.count) '+'-separated parts")
        }
        let name = String(parts[0])
        try NoteKeyID.checkName(name)
        guard parts[1].utf8.count == 8, let claimedID = Hex.decode(parts[1]) else {
            throw TransparencyError(.invalidKey, "key ID is 8 hex digits, found '\(parts[1].prefix(16))'")
        }
        guard let typed = Data(base64Encoded: String(parts[2])).map(Array.init), let type = typed.first else {
            throw TransparencyError(.invalidKey, "key data is not valid base64")
        }
        let computed = NoteKeyID.compute(name: name, typedKey: typed)
        guard computed == claimedID else {
            throw TransparencyError(.invalidKey,
                                    "key ID \(Hex.encode(claimedID)) does not match the key (computed \(Hex.encode(computed)))")
        }
        let raw = Array(typed.dropFirst())
        switch type {
        case Ed25519NoteVerifier.keyType, CosignatureV1Verifier.keyType:
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
                throw TransparencyError(.invalidKey, "an Ed25519 key has 32 bytes, found \(raw.count)")
            }
            return type == Ed25519NoteVerifier.keyType
                ? Ed25519NoteVerifier(name: name, publicKey: key)
                : CosignatureV1Verifier(name: name, publicKey: key)
        default:
            throw TransparencyError(.invalidKey, "key type 0x\(Hex.encode([type])) is not supported; expected 0x01 or 0x04")
        }
    }

    /// Formats a verifier key string.
    public static func format(name: String, keyID: [UInt8], typedKey: [UInt8]) -> String {
        "\(name)+\(Hex.encode(keyID))+\(Data(typedKey).base64EncodedString())"
    }
}
