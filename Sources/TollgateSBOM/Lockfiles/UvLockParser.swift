import Foundation

/// `uv.lock` (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile). Packages whose
/// source is `virtual` or `editable` are the project itself or local checkouts and are skipped.
/// The sdist hash identifies the package in an SBOM; every file uv pinned (`wheels` and `sdist`,
/// each with its URL and hash) is kept in `distributions` for `tollgate pip verify`. Git sources
/// keep their version and get a `vcs_url` qualifier.
public struct UvLockParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let root = try TOMLLockfile.read(data, what: "uv.lock")
        var out: [LockfilePackage] = []
        for package in TOMLLockfile.packages(root) {
            guard let name = package["name"]?.string else { continue }
            let source = package["source"]?.table ?? [:]
            if source["virtual"] != nil || source["editable"] != nil { continue }
            let version = package["version"]?.string ?? ""
            var references: [LockfileDependencyReference] = []
            for dep in package["dependencies"]?.array ?? [] {
                if let depName = dep["name"]?.string {
                    references.append(LockfileDependencyReference(name: depName, version: dep["version"]?.string))
                }
            }
            for group in ["optional-dependencies", "dev-dependencies"] {
                for (_, list) in (package[group]?.table ?? [:]).sorted(by: { $0.key < $1.key }) {
                    for dep in list.array ?? [] {
                        if let depName = dep["name"]?.string {
                            references.append(LockfileDependencyReference(name: depName, version: dep["version"]?.string))
                        }
                    }
                }
            }
            var hashes: [SBOMHash] = []
            var distributions: [LockfileDistribution] = []
            for wheel in (package["wheels"]?.array ?? []).prefix(PylockParser.maximumFilesPerPackage) {
                if let file = Self.distribution(wheel, kind: .wheel) { distributions.append(file) }
            }
            if let sdist = package["sdist"] {
                hashes = PythonHashes.sdistHash(files: [sdist])
                if let file = Self.distribution(sdist, kind: .sdist) { distributions.append(file) }
            }
            var qualifiers: [String: String] = [:]
            var sourceURL: String?
            if let git = source["git"]?.string {
                qualifiers["vcs_url"] = "git+" + git.replacingOccurrences(of: "#", with: "@")
                sourceURL = git
            } else if let url = source["url"]?.string {
                qualifiers["download_url"] = url
                sourceURL = url
            } else if let local = source["path"]?.string ?? source["directory"]?.string {
                sourceURL = local
            }
            var item = LockfilePackage(ecosystem: "PyPI", name: name, version: version,
                                       purl: EcosystemPurl.make(ecosystem: "PyPI", name: name, version: version, qualifiers: qualifiers),
                                       hashes: hashes, dependencies: references, sourceURL: sourceURL)
            item.distributions = distributions
            out.append(item)
        }
        return LockfileParseResult(kind: .uvLock, path: path, packages: out)
    }

    /// A `wheels[]` entry or the `sdist` table: `{ url | path | filename, hash = "sha256:…" }`.
    /// An entry without a hash is kept (with none): verifying it then has nothing pinned.
    static func distribution(_ value: TOMLValue, kind: LockfileDistribution.Kind) -> LockfileDistribution? {
        guard let table = value.table else { return nil }
        let url = table["url"]?.string
        guard let filename = table["filename"]?.string ?? (url ?? table["path"]?.string).map(LockfileDistribution.filename(fromURL:)) else {
            return nil
        }
        let hashes = table["hash"]?.string.flatMap(SBOMHash.fromPrefixed).map { [$0] } ?? []
        return LockfileDistribution(kind: kind, filename: filename, url: url, hashes: hashes)
    }
}
