/// The packages read from one lockfile, and what could not be resolved.
public struct LockfileParseResult: Sendable, Hashable {
    public var kind: LockfileKind
    public var path: String
    /// Packages in file order (duplicates possible; see `distinctNameVersions`).
    public var packages: [LockfilePackage]
    /// Lines or entries that were skipped or could not be pinned.
    public var warnings: [SBOMWarning]

    public init(kind: LockfileKind, path: String, packages: [LockfilePackage], warnings: [SBOMWarning] = []) {
        self.kind = kind
        self.path = path
        self.packages = packages
        self.warnings = warnings
    }

    /// Sorted, distinct (ecosystem, name, version) triples: the form of the fixture
    /// `*.expected.json` files.
    public var distinctNameVersions: [LockfilePackage.Identity] {
        Array(Set(packages.map(\.identity))).sorted()
    }
}
