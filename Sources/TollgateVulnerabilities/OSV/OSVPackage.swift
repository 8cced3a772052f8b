/// An OSV `affected[].package` (https://ossf.github.io/osv-schema/#affectedpackage-field).
public struct OSVPackage: Sendable, Hashable {
    /// The ecosystem, possibly with a suffix (`Debian:12`, `Alpine:v3.16`).
    public let ecosystem: String
    /// The package name as the ecosystem spells it (`org.apache:commons`, `@scope/name`, `Django`).
    public let name: String
    /// An optional purl the record gives for the package.
    public let purl: String?

    public init(ecosystem: String, name: String, purl: String? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.purl = purl
    }

    /// The ecosystem without its `:suffix`.
    public var baseEcosystem: String {
        ecosystem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ecosystem
    }

    /// The ecosystem suffix after `:` (`12` in `Debian:12`), if any.
    public var ecosystemSuffix: String? {
        guard let colon = ecosystem.firstIndex(of: ":") else { return nil }
        let rest = ecosystem[ecosystem.index(after: colon)...]
        return rest.isEmpty ? nil : String(rest)
    }
}
