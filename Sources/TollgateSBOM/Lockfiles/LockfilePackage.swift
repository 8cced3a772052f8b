import TollgateModel

/// One package pinned by a lockfile.
public struct LockfilePackage: Sendable, Hashable {
    /// The OSV ecosystem (`npm`, `PyPI`, `Go`, `crates.io`, `RubyGems`, `Packagist`, `SwiftURL`).
    public var ecosystem: String
    /// The name as the lockfile writes it.
    public var name: String
    /// The version as the lockfile writes it; empty when the lockfile gives none. For VCS
    /// dependencies this can be a git URL with a commit.
    public var version: String
    /// The Package URL; it has no version when the package is not a registry release.
    public var purl: PackageURL?
    public var hashes: [SBOMHash]
    public var scope: SBOMComponentScope
    /// Direct dependencies as written (name, and version when the lockfile pins it there).
    public var dependencies: [LockfileDependencyReference]
    /// Where a non-registry package comes from (git URL, local path, tarball URL).
    public var sourceURL: String?
    /// The distribution files the lockfile pins (Python lockfiles that list them: uv.lock,
    /// pylock.toml), each with its hashes. Empty for other formats.
    public var distributions: [LockfileDistribution] = []

    public init(
        ecosystem: String,
        name: String,
        version: String,
        purl: PackageURL? = nil,
        hashes: [SBOMHash] = [],
        scope: SBOMComponentScope = .required,
        dependencies: [LockfileDependencyReference] = [],
        sourceURL: String? = nil
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.purl = purl
        self.hashes = hashes
        self.scope = scope
        self.dependencies = dependencies
        self.sourceURL = sourceURL
    }

    /// (ecosystem, name, version), as in the fixture expectations.
    public struct Identity: Sendable, Hashable, Comparable, Codable {
        public var ecosystem: String
        public var name: String
        public var version: String

        public init(ecosystem: String, name: String, version: String) {
            self.ecosystem = ecosystem
            self.name = name
            self.version = version
        }

        public static func < (lhs: Identity, rhs: Identity) -> Bool {
            (lhs.ecosystem, lhs.name, lhs.version) < (rhs.ecosystem, rhs.name, rhs.version)
        }
    }

    public var identity: Identity { Identity(ecosystem: ecosystem, name: name, version: version) }
}

/// A dependency edge as a lockfile writes it.
public struct LockfileDependencyReference: Sendable, Hashable {
    public var name: String
    /// The exact version when the lockfile says which one; `nil` means "the one in this file".
    public var version: String?

    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}
