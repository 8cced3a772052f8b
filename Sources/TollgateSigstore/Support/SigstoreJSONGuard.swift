import TollgateModel

/// Bounds the size and nesting depth of JSON before `JSONDecoder` sees it, so a hostile bundle
/// cannot exhaust the stack or memory (DESIGN.md: parsers have limits). The depth scan is
/// TollgateModel's ``JSONDepth``; its errors become `sigstore.too-large`.
enum SigstoreJSONGuard {
    static let maxBundleBytes = 32 << 20
    static let maxDepth = 64

    static func check(_ bytes: [UInt8], what: String, maxBytes: Int = maxBundleBytes) throws(SigstoreError) {
        guard bytes.count <= maxBytes else {
            throw SigstoreError(.tooLarge, "\(what) is \(bytes.count) bytes; the limit is \(maxBytes)")
        }
        do {
            try JSONDepth.check(bytes, maxDepth: maxDepth)
        } catch {
            throw SigstoreError(.tooLarge, "\(what) JSON nests deeper than \(maxDepth) levels")
        }
    }
}
