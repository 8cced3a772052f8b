import TollgateModel
import TollgateStore

/// A deployment's image or package reference, split into repository, tag and digest:
/// `registry.example:5000/team/app:1.2@sha256:…`, `registry.example/app:1.2`, `app`, or a package
/// URL (`pkg:npm/left-pad@1.3.0`: the version is the tag).
public struct ImageReference: Sendable, Hashable {
    /// The longest reference accepted.
    public static let maximumLength = 4096

    public let text: String
    /// `registry.example/app`, or the purl without version.
    public let repository: String
    public let tag: String?
    public let digest: Digest?

    public init(parsing text: String) throws(InventoryError) {
        guard !text.isEmpty, text.utf8.count <= Self.maximumLength,
              text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw InventoryError(.invalidDeployment, "an image reference is 1 to \(Self.maximumLength) printable ASCII characters without spaces; found '\(text.prefix(80))'")
        }
        self.text = text
        if text.hasPrefix("pkg:") {
            repository = InventoryPackageKey.of(purl: text)
            tag = InventoryPackageKey.version(of: text)
            digest = nil
            return
        }
        var name = Substring(text)
        var digest: Digest?
        if let at = name.lastIndex(of: "@") {
            let digestText = String(name[name.index(after: at)...])
            do {
                digest = try Digest(parsing: digestText)
            } catch {
                throw InventoryError(.invalidDeployment, "the reference '\(text.prefix(120))' names a digest that is not ALGORITHM:HEX: \(error.reason)")
            }
            name = name[..<at]
        }
        var tag: String?
        if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            tag = String(name[name.index(after: colon)...])
            name = name[..<colon]
        }
        guard !name.isEmpty, tag?.isEmpty != true else {
            throw InventoryError(.invalidDeployment, "the reference '\(text.prefix(120))' has an empty repository or tag")
        }
        repository = String(name)
        self.tag = tag
        self.digest = digest
    }

    /// The tag a registry would resolve: the tag, or `latest` when the reference names neither a
    /// tag nor a digest (as container tools read `app`).
    public var effectiveTag: String? {
        tag ?? (digest == nil && !text.hasPrefix("pkg:") ? "latest" : nil)
    }
}
