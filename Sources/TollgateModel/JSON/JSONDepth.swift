import Foundation

/// A byte scan that bounds the nesting depth of a JSON document before it is decoded, so hostile
/// input cannot drive a recursive decoder into stack exhaustion.
public enum JSONDepth {
    /// Throws `model.invalid-json` if brackets outside strings nest deeper than `maxDepth`.
    public static func check(_ bytes: some DataProtocol, maxDepth: Int) throws(ModelError) {
        // Contiguous bytes (arrays, `Data`) are scanned through a buffer pointer: iterating a
        // generic `DataProtocol` byte by byte was ~9% of a gate decision over a large attestation.
        var failure: ModelError?
        let scanned: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(ModelError) { try scan(buffer, maxDepth: maxDepth) } catch { failure = error }
        }
        if let failure { throw failure }
        if scanned != nil { return }
        try scan(Array(bytes), maxDepth: maxDepth)
    }

    private static func scan<Bytes: Collection<UInt8>>(_ bytes: Bytes, maxDepth: Int) throws(ModelError) {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth {
                    throw ModelError(.invalidJSON, "JSON nests deeper than \(maxDepth) levels")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }

    /// A one-line description of a decoding error, without a Swift type dump.
    public static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error.localizedDescription)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch error {
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return (underlying ?? context.debugDescription) + path(context)
        case .keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)'" + path(context)
        case .typeMismatch(let type, let context):
            return "expected \(type)" + path(context) + ": " + context.debugDescription
        case .valueNotFound(let type, let context):
            return "expected \(type), found null" + path(context)
        @unknown default:
            return "\(error.localizedDescription)"
        }
    }
}
