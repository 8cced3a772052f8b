import Foundation

/// Base64 decoding for the encodings signatures and envelopes meet in the wild: standard
/// (RFC 4648 §4) and URL-safe (§5), padded or not. The DSSE spec's reference implementations
/// accept both for `sig` and `payload`.
public enum Base64Text {
    /// Decodes standard or URL-safe base64, with or without padding. Returns `nil` otherwise.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        // Standard-alphabet text of whole quanta (a bundle's certificate, log entry body and
        // signatures) is decoded straight from the string's contiguous UTF-8, without the two
        // copies below; the decoder is the same, so is the result.
        let plain = text.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count % 4 == 0 else { return false }
            return memchr(base, Int32(UInt8(ascii: "-")), buffer.count) == nil && memchr(base, Int32(UInt8(ascii: "_")), buffer.count) == nil
        }
        if plain == true {
            guard let data = Data(base64Encoded: String(text)) else { return nil }
            return [UInt8](data)
        }
        // One copy of the UTF-8 bytes, then concrete byte loops: iterating `some StringProtocol`
        // unspecialized cost 15% of a `verify-bundle --batch` run (docs/benchmarks.md 2026-12-05).
        var bytes = Array(text.utf8)
        // Which alphabet: `memchr` for each of the four characters that tell them apart (the
        // byte-by-byte switch it replaces was most of decoding a bundle's certificate and log
        // entry, docs/benchmarks.md issue #13); the bytes are rewritten only for URL-safe text.
        let (urlSafe, standard) = bytes.withUnsafeBufferPointer { buffer -> (Bool, Bool) in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return (false, false) }
            func has(_ character: Unicode.Scalar) -> Bool { memchr(base, Int32(character.value), buffer.count) != nil }
            return (has("-") || has("_"), has("+") || has("/"))
        }
        if urlSafe && standard { return nil }
        if urlSafe {
            for index in bytes.indices {
                switch bytes[index] {
                case UInt8(ascii: "-"): bytes[index] = UInt8(ascii: "+")
                case UInt8(ascii: "_"): bytes[index] = UInt8(ascii: "/")
                default: continue
                }
            }
        }
        let remainder = bytes.count % 4
        if remainder == 1 { return nil }
        if remainder > 0, bytes.last != UInt8(ascii: "=") {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "="), count: 4 - remainder))
        }
        guard let data = Data(base64Encoded: Data(bytes)) else { return nil }
        return [UInt8](data)
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
