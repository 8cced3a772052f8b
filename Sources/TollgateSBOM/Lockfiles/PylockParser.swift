import Foundation

/// `pylock.toml` (PEP 751, https://packaging.python.org/en/latest/specifications/pylock-toml/),
/// also named `pylock.NAME.toml`.
///
/// Each `[[packages]]` entry becomes a package with its pinned files: `wheels` and `sdist`, each
/// with its `hashes` (the spec requires them). `vcs`, `directory` and `archive` sources keep their
/// URL or path (`sourceURL`) and carry no registry file. The reader is strict where the spec is:
/// `lock-version` must be 1.x, every package needs a `name`, every wheel or sdist needs a file name
/// (`name`, or a `url`/`path` to take it from) and at least one hash. Limits: the TOML reader's size
/// and depth limits, `LockfileLimits.maximumPackages` packages, `maximumFilesPerPackage` files each.
public struct PylockParser: LockfileParser {
    /// Most wheels one package may list (numpy releases list about 70).
    public static let maximumFilesPerPackage = 10_000

    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let root = try TOMLLockfile.read(data, what: "pylock.toml")
        guard let version = root["lock-version"]?.string else {
            throw SBOMError(.invalidLockfile, "pylock.toml: missing 'lock-version' (a PEP 751 lock file starts with lock-version = '1.0').")
        }
        guard version.split(separator: ".").first == "1" else {
            throw SBOMError(.invalidLockfile, "pylock.toml: lock-version '\(version.prefix(20))' is not supported (only 1.x, PEP 751).")
        }
        let entries: [TOMLValue]
        switch root["packages"] {
        case nil: entries = []
        case .array(let items)?: entries = items
        default: throw SBOMError(.invalidLockfile, "pylock.toml: 'packages' must be an array of tables ([[packages]]).")
        }
        guard entries.count <= LockfileLimits.maximumPackages else {
            throw SBOMError(.tooLarge, "pylock.toml lists more than \(LockfileLimits.maximumPackages) packages.")
        }
        var out: [LockfilePackage] = []
        var warnings: [SBOMWarning] = []
        for (index, entry) in entries.enumerated() {
            guard let package = entry.table else {
                throw SBOMError(.invalidLockfile, "pylock.toml: packages[\(index)] is not a table.")
            }
            guard let name = package["name"]?.string, !name.isEmpty else {
                throw SBOMError(.invalidLockfile, "pylock.toml: packages[\(index)] has no 'name'.")
            }
            let where_ = "packages[\(index)] (\(name.prefix(100)))"
            let version = package["version"]?.string ?? ""
            var distributions: [LockfileDistribution] = []
            if let wheels = package["wheels"] {
                guard let items = wheels.array else { throw SBOMError(.invalidLockfile, "pylock.toml: \(where_): 'wheels' must be an array of tables.") }
                guard items.count <= Self.maximumFilesPerPackage else {
                    throw SBOMError(.tooLarge, "pylock.toml: \(where_) lists more than \(Self.maximumFilesPerPackage) wheels.")
                }
                for (w, wheel) in items.enumerated() {
                    distributions.append(try file(wheel, kind: .wheel, where: "\(where_): wheels[\(w)]"))
                }
            }
            if let sdist = package["sdist"] {
                distributions.append(try file(sdist, kind: .sdist, where: "\(where_): sdist"))
            }
            var sourceURL: String?
            var qualifiers: [String: String] = [:]
            if let vcs = package["vcs"]?.table {
                let url = vcs["url"]?.string ?? vcs["path"]?.string
                sourceURL = url
                if let url, let type = vcs["type"]?.string {
                    qualifiers["vcs_url"] = "\(type)+\(url)" + (vcs["commit-id"]?.string.map { "@" + $0 } ?? "")
                }
            } else if let directory = package["directory"]?.table {
                sourceURL = directory["path"]?.string
            } else if let archive = package["archive"]?.table {
                sourceURL = archive["url"]?.string ?? archive["path"]?.string
                if let url = archive["url"]?.string { qualifiers["download_url"] = url }
            } else if let index = package["index"]?.string, !index.hasPrefix("https://pypi.org/") {
                // PyPI is the purl default repository; another index is named.
                qualifiers["repository_url"] = index
            }
            if distributions.isEmpty, sourceURL == nil {
                warnings.append(SBOMWarning(code: "sbom.pylock-no-files", message: "\(path): \(where_) lists no wheel, sdist or other source",
                                            file: path, subject: name))
            }
            var item = LockfilePackage(ecosystem: "PyPI", name: name, version: version,
                                       purl: EcosystemPurl.make(ecosystem: "PyPI", name: name, version: version, qualifiers: qualifiers),
                                       hashes: Self.identifyingHash(distributions),
                                       dependencies: (package["dependencies"]?.array ?? []).compactMap { dependency in
                                           dependency["name"]?.string.map { LockfileDependencyReference(name: $0, version: dependency["version"]?.string) }
                                       },
                                       sourceURL: sourceURL)
            item.distributions = distributions
            out.append(item)
        }
        return LockfileParseResult(kind: .pylockToml, path: path, packages: out, warnings: warnings)
    }

    /// One `wheels[]` entry or the `sdist` table.
    private func file(_ value: TOMLValue, kind: LockfileDistribution.Kind, where location: String) throws(SBOMError) -> LockfileDistribution {
        guard let table = value.table else { throw SBOMError(.invalidLockfile, "pylock.toml: \(location) is not a table.") }
        let url = table["url"]?.string
        guard let filename = table["name"]?.string ?? (url ?? table["path"]?.string).map(LockfileDistribution.filename(fromURL:)),
              !filename.isEmpty else {
            throw SBOMError(.invalidLockfile, "pylock.toml: \(location) has no 'name', 'url' or 'path'.")
        }
        guard let hashTable = table["hashes"]?.table, !hashTable.isEmpty else {
            throw SBOMError(.invalidLockfile, "pylock.toml: \(location) (\(filename.prefix(200))) has no 'hashes' (PEP 751 requires at least one).")
        }
        var hashes: [SBOMHash] = []
        for (algorithm, digest) in hashTable.sorted(by: { $0.key < $1.key }) {
            guard let hex = digest.string, !hex.isEmpty, hex.allSatisfy(\.isHexDigit) else {
                throw SBOMError(.invalidLockfile, "pylock.toml: \(location) (\(filename.prefix(200))): hashes.\(algorithm.prefix(20)) is not a hex digest.")
            }
            if let name = SBOMHash.cycloneDXName(algorithm) { hashes.append(SBOMHash(algorithm: name, value: hex)) }
        }
        return LockfileDistribution(kind: kind, filename: filename, url: url, hashes: hashes)
    }

    /// The SBOM's hash for the package: the sdist's, else the only wheel's (as `PythonHashes`).
    static func identifyingHash(_ files: [LockfileDistribution]) -> [SBOMHash] {
        if let sdist = files.first(where: { $0.kind == .sdist }) { return sdist.hashes.filter { $0.algorithm == "SHA-256" } }
        if files.count == 1 { return files[0].hashes.filter { $0.algorithm == "SHA-256" } }
        return []
    }
}
