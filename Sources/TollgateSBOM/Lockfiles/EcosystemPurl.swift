import TollgateModel

/// Builds purls for lockfile packages (purl spec PURL-TYPES.rst).
public enum EcosystemPurl {
    /// A purl for a registry package; pass `version: nil` for VCS/path/URL sources, whose
    /// lockfile "version" is not a registry version.
    public static func make(ecosystem: String, name: String, version: String?, qualifiers: [String: String] = [:]) -> PackageURL? {
        let v = (version?.isEmpty ?? true) ? nil : version
        do {
            switch ecosystem {
            case "npm":
                if name.hasPrefix("@"), let slash = name.firstIndex(of: "/") {
                    return try PackageURL(type: "npm", namespace: String(name[..<slash]),
                                          name: String(name[name.index(after: slash)...]), version: v, qualifiers: qualifiers)
                }
                return try PackageURL(type: "npm", name: name, version: v, qualifiers: qualifiers)
            case "PyPI":
                return try PackageURL(type: "pypi", name: name, version: v, qualifiers: qualifiers)
            case "crates.io":
                return try PackageURL(type: "cargo", name: name, version: v, qualifiers: qualifiers)
            case "RubyGems":
                return try PackageURL(type: "gem", name: name, version: v, qualifiers: qualifiers)
            case "Go":
                return try splitLast(type: "golang", path: name, version: v, qualifiers: qualifiers)
            case "Packagist":
                return try splitLast(type: "composer", path: name, version: v, qualifiers: qualifiers)
            case "SwiftURL":
                // purl swift: namespace is the source host and owner, name the repository.
                var path = name
                for prefix in ["https://", "http://", "ssh://", "git@"] where path.hasPrefix(prefix) {
                    path.removeFirst(prefix.count)
                }
                path = path.replacingOccurrences(of: ":", with: "/")
                if path.hasSuffix(".git") { path.removeLast(4) }
                return try splitLast(type: "swift", path: path, version: v, qualifiers: qualifiers)
            default:
                return nil
            }
        } catch {
            return nil
        }
    }

    private static func splitLast(type: String, path: String, version: String?, qualifiers: [String: String]) throws(ModelError) -> PackageURL {
        if let slash = path.lastIndex(of: "/") {
            return try PackageURL(type: type, namespace: String(path[..<slash]),
                                  name: String(path[path.index(after: slash)...]), version: version, qualifiers: qualifiers)
        }
        return try PackageURL(type: type, name: path, version: version, qualifiers: qualifiers)
    }
}
