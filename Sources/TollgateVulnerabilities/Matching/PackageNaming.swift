import TollgateModel
import TollgateStore

/// Maps between purl types and OSV ecosystems, and normalises package names so that the name in an SBOM
/// and the name in an advisory meet in one index key.
///
/// Ecosystem names: https://ossf.github.io/osv-schema/#affectedpackage-field; purl types:
/// https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst.
public enum PackageNaming {
    /// The OSV ecosystem for a purl type, or nil when Tollgate has no advisories for it.
    public static func ecosystem(forPurl purl: PackageURL) -> String? {
        switch purl.type {
        case "pypi": "PyPI"
        case "npm": "npm"
        case "cargo": "crates.io"
        case "golang": "Go"
        case "maven": "Maven"
        case "nuget": "NuGet"
        case "gem": "RubyGems"
        case "composer": "Packagist"
        case "hex": "Hex"
        case "pub": "Pub"
        case "swift": "SwiftURL"
        case "bitnami": "Bitnami"
        case "deb":
            switch purl.namespace?.lowercased() {
            case "ubuntu": "Ubuntu"
            default: "Debian"
            }
        case "apk":
            switch purl.namespace?.lowercased() {
            case "wolfi": "Wolfi"
            case "chainguard": "Chainguard"
            default: "Alpine"
            }
        case "rpm":
            switch purl.namespace?.lowercased() {
            case "redhat": "Red Hat"
            case "rocky", "rocky-linux": "Rocky Linux"
            case "almalinux", "alma": "AlmaLinux"
            case "opensuse": "openSUSE"
            case "suse", "sles": "SUSE"
            default: nil
            }
        default: nil
        }
    }

    /// The index key for a purl (its ecosystem and normalised name), or nil when unsupported.
    public static func key(forPurl purl: PackageURL) -> AdvisoryStorePackageKey? {
        guard let ecosystem = ecosystem(forPurl: purl) else { return nil }
        let name: String = switch purl.type {
        // Debian's and Alpine's advisories name source packages: `upstream` (as image SBOMs write it) when given.
        case "deb", "apk": purl.qualifiers["upstream"].flatMap { $0.split(separator: "@").first.map(String.init) } ?? purl.name
        case "rpm": purl.name
        case "swift": purl.fullName
        default: purl.fullName
        }
        return key(ecosystem: ecosystem, name: name)
    }

    /// The purl (without version) for an OSV package: the reverse of `key(forPurl:)`, so an advisory's
    /// affected packages can be looked up in an inventory indexed by purl. Distribution packages name
    /// their vendor as the purl namespace (`Debian` → `pkg:deb/debian/NAME`). Nil for ecosystems
    /// without a purl type.
    public static func packageURL(ecosystem: String, name: String) -> PackageURL? {
        let base = ecosystem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ecosystem
        func split(_ separator: Character) -> (String?, String) {
            guard let index = name.lastIndex(of: separator) else { return (nil, name) }
            return (String(name[..<index]), String(name[name.index(after: index)...]))
        }
        let type: String
        var namespace: String?
        var packageName = name
        switch base {
        case "PyPI": type = "pypi"
        case "npm":
            type = "npm"
            if name.hasPrefix("@") { (namespace, packageName) = split("/") }
        case "crates.io": type = "cargo"
        case "Go":
            type = "golang"
            (namespace, packageName) = split("/")
        case "Maven":
            type = "maven"
            (namespace, packageName) = split(":")
        case "NuGet": type = "nuget"
        case "RubyGems": type = "gem"
        case "Packagist":
            type = "composer"
            (namespace, packageName) = split("/")
        case "Hex": type = "hex"
        case "Pub": type = "pub"
        case "Debian": type = "deb"; namespace = "debian"
        case "Ubuntu": type = "deb"; namespace = "ubuntu"
        case "Alpine": type = "apk"; namespace = "alpine"
        case "Wolfi": type = "apk"; namespace = "wolfi"
        case "Chainguard": type = "apk"; namespace = "chainguard"
        case "Red Hat": type = "rpm"; namespace = "redhat"
        case "Rocky Linux": type = "rpm"; namespace = "rocky"
        case "AlmaLinux": type = "rpm"; namespace = "almalinux"
        case "openSUSE": type = "rpm"; namespace = "opensuse"
        case "SUSE": type = "rpm"; namespace = "suse"
        default: return nil
        }
        return try? PackageURL(type: type, namespace: namespace, name: packageName)
    }

    /// The index key for an OSV `affected[].package`.
    public static func key(ecosystem: String, name: String) -> AdvisoryStorePackageKey {
        let base = ecosystem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ecosystem
        let normalised: String = switch base {
        // PEP 503: PyPI names compare case-insensitively with -, _ and . equivalent.
        case "PyPI": PackageURL.pep503(name)
        // These registries treat names case-insensitively.
        case "npm", "Packagist", "NuGet", "Debian", "Ubuntu", "Alpine", "Wolfi", "Chainguard", "Hex", "Pub": name.lowercased()
        default: name
        }
        return AdvisoryStorePackageKey(ecosystem: base, name: normalised)
    }

    private static let debianCodenames: [String: String] = [
        "hamm": "2", "slink": "2.1", "potato": "2.2", "woody": "3.0", "sarge": "3.1", "etch": "4", "lenny": "5",
        "squeeze": "6", "wheezy": "7", "jessie": "8", "stretch": "9", "buster": "10", "bullseye": "11",
        "bookworm": "12", "trixie": "13", "forky": "14",
    ]

    /// Whether an ecosystem suffix (`12` of `Debian:12`, `v3.16` of `Alpine:v3.16`) names the release a purl's
    /// `distro` qualifier names (`debian-12`, `bookworm`, `alpine-3.16.2`). Without a qualifier the release
    /// is unknown, so the advisory applies (fail closed).
    public static func suffix(_ suffix: String, matchesDistro distro: String?) -> Bool {
        guard let distro, !distro.isEmpty else { return true }
        func normalise(_ s: String) -> String {
            var t = s.lowercased()
            for prefix in ["debian-", "ubuntu-", "alpine-", "wolfi-", "el", "rhel-"] where t.hasPrefix(prefix) {
                t.removeFirst(prefix.count)
                break
            }
            if t.hasPrefix("v"), t.dropFirst().first?.isNumber == true { t.removeFirst() }
            if let release = debianCodenames[t] { t = release }
            return t
        }
        let a = normalise(suffix)
        let b = normalise(distro)
        if a == b { return true }
        return b.hasPrefix(a + ".") || a.hasPrefix(b + ":") || a.hasPrefix(b + ".")
    }
}
