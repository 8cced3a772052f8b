import Foundation
import TollgateModel

/// Protobuf-JSON `bytes` fields: standard (RFC 4648 §4) or URL-safe (§5) base64, padded or not,
/// as the protobuf JSON mapping accepts on parse, decoded by TollgateModel's ``Base64Text``.
/// Line breaks (CR, LF) are skipped first, as Go's and Python's decoders do: tools like
/// `base64(1)` wrap at 76 columns. Any other character outside the alphabet fails.
enum Base64Bytes {
    /// Decodes `string`, or returns `nil` when it is not base64.
    static func decode(_ string: String) -> [UInt8]? {
        // `memchr` over the contiguous UTF-8: `utf8.contains(where:)` went through the generic
        // string view byte by byte (5% of a `--batch` run).
        var text = string
        let hasLineBreak = text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, 0x0A, buffer.count) != nil || memchr(base, 0x0D, buffer.count) != nil
        }
        guard hasLineBreak else { return Base64Text.decode(string) }
        return Base64Text.decode(String(decoding: string.utf8.filter { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self))
    }
}
