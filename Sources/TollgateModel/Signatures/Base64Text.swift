import Foundation

/// Base64 decoding for the encodings signatures and envelopes meet in the wild: standard
/// (RFC 4648 §4) and URL-safe (§5), padded or not. The DSSE spec's reference implementations
/// accept both for `sig` and `payload`.
public enum Base64Text {
    /// Decodes standard or URL-safe base64, with or without padding. Returns `nil` otherwise.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        // Byte-level checks (a DSSE payload is the whole attestation: Character iteration over it
        // was milliseconds).
        var urlSafe = false
        var standard = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "_"): urlSafe = true
            case UInt8(ascii: "+"), UInt8(ascii: "/"): standard = true
            default: continue
            }
        }
        if urlSafe && standard { return nil }
        var normalized = String(text)
        if urlSafe {
            normalized = normalized.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        }
        let remainder = normalized.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0, normalized.utf8.last != UInt8(ascii: "=") {
            normalized += String(repeating: "=", count: 4 - remainder)
        }
        guard let data = Data(base64Encoded: normalized) else { return nil }
        return Array(data)
    }

    /// Decodes URL-safe base64 without padding only (JWK, RFC 7515 §2).
    public static func decodeURL(_ text: some StringProtocol) -> [UInt8]? {
        guard !text.contains(where: { $0 == "+" || $0 == "/" || $0 == "=" }) else { return nil }
        return decode(text)
    }

    /// Standard padded base64.
    public static func encode(_ bytes: some DataProtocol) -> String {
        Data(bytes).base64EncodedString()
    }
}
