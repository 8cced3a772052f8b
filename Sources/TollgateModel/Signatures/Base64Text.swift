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
        let count = (bytes.count + 2) / 3 * 4
        return [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
            bytes.withUnsafeBufferPointer { input in
                var read = 0
                var written = 0
                while read + 3 <= input.count {
                    let value = UInt32(input[read]) << 16 | UInt32(input[read + 1]) << 8 | UInt32(input[read + 2])
                    out[written] = alphabet[Int(value >> 18)]
                    out[written + 1] = alphabet[Int(value >> 12 & 0x3F)]
                    out[written + 2] = alphabet[Int(value >> 6 & 0x3F)]
                    out[written + 3] = alphabet[Int(value & 0x3F)]
                    read += 3
                    written += 4
                }
                let left = input.count - read
                if left > 0 {
                    let value = UInt32(input[read]) << 16 | (left == 2 ? UInt32(input[read + 1]) << 8 : 0)
                    out[written] = alphabet[Int(value >> 18)]
                    out[written + 1] = alphabet[Int(value >> 12 & 0x3F)]
                    out[written + 2] = left == 2 ? alphabet[Int(value >> 6 & 0x3F)] : UInt8(ascii: "=")
                    out[written + 3] = UInt8(ascii: "=")
                    written += 4
                }
                initialized = written
            }
        }
    }

    /// The standard alphabet (RFC 4648 §4, table 1).
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Each byte's 6-bit value in the standard alphabet, 0xFF for every other byte ('=' included).
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// Decodes standard base64 made of whole 4-character quanta, the last one possibly padded
    /// ("xy==", "xyz="); `nil` for any other length or character, and for '=' anywhere else.
    /// Bits below the last full byte are ignored, as Foundation, Go and Python do.
    static func decodeQuanta(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let count = input.count
        guard count % 4 == 0 else { return nil }
        guard count > 0 else { return [] }
        let padding = input[count - 1] != UInt8(ascii: "=") ? 0 : input[count - 2] != UInt8(ascii: "=") ? 1 : 2
        let decoded = count / 4 * 3 - padding
        var valid = true
        let bytes = [UInt8](unsafeUninitializedCapacity: decoded) { out, initialized in
            values.withUnsafeBufferPointer { table in
                var read = 0
                var written = 0
                // Whole quanta: four values, three bytes.
                let whole = padding == 0 ? count : count - 4
                while read < whole {
                    let a = table[Int(input[read])], b = table[Int(input[read + 1])]
                    let c = table[Int(input[read + 2])], d = table[Int(input[read + 3])]
                    guard (a | b | c | d) & 0xC0 == 0 else { valid = false; break }
                    let value = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out[written] = UInt8(value >> 16)
                    out[written + 1] = UInt8(value >> 8 & 0xFF)
                    out[written + 2] = UInt8(value & 0xFF)
                    read += 4
                    written += 3
                }
                if valid, padding > 0 {
                    // "xy==" gives one byte, "xyz=" two.
                    let a = table[Int(input[read])], b = table[Int(input[read + 1])]
                    let c = padding == 1 ? table[Int(input[read + 2])] : 0
                    if (a | b | c) & 0xC0 != 0 {
                        valid = false
                    } else {
                        let value = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                        out[written] = UInt8(value >> 16)
                        written += 1
                        if padding == 1 {
                            out[written] = UInt8(value >> 8 & 0xFF)
                            written += 1
                        }
                    }
                }
                initialized = valid ? written : 0
            }
        }
        return valid ? bytes : nil
    }
}
