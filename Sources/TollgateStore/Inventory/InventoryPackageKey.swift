/// The package identity of a purl: without version, qualifiers and subpath, lowercased
/// (`pkg:npm/%40scope/x@1.0.0?a=b` → `pkg:npm/%40scope/x`). Components are indexed by it.
public enum InventoryPackageKey {
    public static func of(purl: String) -> String {
        var text = Substring(purl)
        if let index = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<index] }
        if let at = text.lastIndex(of: "@"), text[..<at].contains("/") { text = text[..<at] }
        return String(text).lowercased()
    }

    /// The version part of a purl (percent-decoding is the caller's concern), or nil.
    public static func version(of purl: String) -> String? {
        var text = Substring(purl)
        if let index = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<index] }
        guard let at = text.lastIndex(of: "@"), text[..<at].contains("/") else { return nil }
        let version = text[text.index(after: at)...]
        return version.isEmpty ? nil : String(version)
    }
}
