/// The index key of an affected package: an OSV ecosystem without its `:suffix`, and the package name
/// normalised for that ecosystem (for example PEP 503 for PyPI, lowercase for npm).
public struct AdvisoryStorePackageKey: Sendable, Hashable, Comparable {
    public let ecosystem: String
    public let name: String

    public init(ecosystem: String, name: String) {
        self.ecosystem = ecosystem
        self.name = name
    }

    public static func < (a: AdvisoryStorePackageKey, b: AdvisoryStorePackageKey) -> Bool {
        (a.ecosystem, a.name) < (b.ecosystem, b.name)
    }
}
