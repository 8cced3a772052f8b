/// One distribution file a Python lockfile pins for a package: a wheel or a source distribution,
/// with the hashes the lockfile records for it (uv.lock `wheels`/`sdist`, pylock.toml
/// `packages.wheels`/`packages.sdist`). `tollgate pip verify` checks these files; the SBOM keeps
/// one identifying hash per package (`LockfilePackage.hashes`).
public struct LockfileDistribution: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case wheel
        case sdist
    }

    public var kind: Kind
    /// The file name (`attrs-25.1.0-py3-none-any.whl`); from the URL when the lockfile gives none.
    public var filename: String
    /// Where the lockfile says the file is; nil when it names only the index.
    public var url: String?
    public var hashes: [SBOMHash]

    public init(kind: Kind, filename: String, url: String? = nil, hashes: [SBOMHash]) {
        self.kind = kind
        self.filename = filename
        self.url = url
        self.hashes = hashes
    }

    /// The sha256 hex digest, when the lockfile records one.
    public var sha256: String? {
        hashes.first { $0.algorithm == "SHA-256" }?.value
    }

    /// The file name of a URL's last path segment (without query or fragment).
    static func filename(fromURL url: String) -> String {
        let path = url.split(separator: "#", maxSplits: 1).first.map(String.init) ?? url
        let withoutQuery = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        return withoutQuery.split(separator: "/").last.map(String.init) ?? withoutQuery
    }
}
