import ExtrasBase64
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
            return text.utf8.withContiguousStorageIfAvailable(decodeQuanta) ?? nil
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
        return bytes.withUnsafeBufferPointer(decodeQuanta)
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

    /// Standard padded base64 of `bytes`, as ASCII bytes (what ``encode(_:)`` returns, without a
    /// `Data` and a `String` in between: a bundle's SET payload and PEM comparisons encode kilobytes).
    public static func encodedBytes(_ bytes: [UInt8]) -> [UInt8] {
        Base64.encodeToBytes(bytes: bytes)
    }

    /// Decodes standard base64 made of whole 4-character quanta, the last one possibly padded
    /// ("xy==", "xyz="), with swift-extras-base64; `nil` for any other length or character, and for
    /// '=' anywhere else ("xy=z", which that decoder and Foundation read as bytes). Bits below the
    /// last full byte are ignored, as Foundation, Go and Python do.
    static func decodeQuanta(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let count = input.count
        guard count % 4 == 0 else { return nil }
        guard count > 0 else { return [] }
        if input[count - 2] == UInt8(ascii: "="), input[count - 1] != UInt8(ascii: "=") { return nil }
        return try? Base64.decode(bytes: input)
    }
}
