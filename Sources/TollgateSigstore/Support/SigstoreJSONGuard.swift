/// A byte scan that bounds size and nesting depth of JSON before `JSONDecoder` sees it, so a
/// hostile bundle cannot exhaust the stack or memory (DESIGN.md: parsers have limits).
enum SigstoreJSONGuard {
    static let maxBundleBytes = 32 << 20
    static let maxDepth = 64

    static func check(_ bytes: [UInt8], what: String, maxBytes: Int = maxBundleBytes) throws(SigstoreError) {
        guard bytes.count <= maxBytes else {
            throw SigstoreError(.tooLarge, "\(what) is \(bytes.count) bytes; the limit is \(maxBytes)")
        }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x5B, 0x7B:
                depth += 1
                if depth > maxDepth {
                    throw SigstoreError(.tooLarge, "\(what) JSON nests deeper than \(maxDepth) levels")
                }
            case 0x5D, 0x7D: depth -= 1
            default: break
            }
        }
    }

    /// A one-line description of a decoding error, without a Swift type dump.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not valid JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch error {
        case .dataCorrupted(let context): return "\(context.debugDescription)\(path(context))"
        case .keyNotFound(let key, let context): return "missing field \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(_, let context): return "wrong type\(path(context)): \(context.debugDescription)"
        case .valueNotFound(_, let context): return "null value\(path(context))"
        @unknown default: return "not valid JSON"
        }
    }
}
