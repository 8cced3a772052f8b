import Foundation

/// Strict standard base64 (RFC 4648 §4) as protobuf-JSON writes it; URL-safe input (§5) and
/// missing padding are accepted because the protobuf JSON mapping allows them on parse.
enum Base64Bytes {
    /// Decodes `string`, or returns `nil` for any character outside the alphabet.
    /// Line breaks (CR, LF) are skipped, as Go's and Python's decoders do: tools like
    /// `base64(1)` wrap at 76 columns. Any other character outside the alphabet fails.
    static func decode(_ string: String) -> [UInt8]? {
        if let data = Data(base64Encoded: string) { return [UInt8](data) }
        var normalised = string
        if string.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            normalised = String(decoding: string.utf8.filter { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
            if let data = Data(base64Encoded: normalised) { return [UInt8](data) }
        }
        normalised = normalised.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = normalised.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { normalised += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: normalised).map { [UInt8]($0) }
    }

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
    }
}
