import Foundation

/// `Pipfile.lock` (https://pipenv.pypa.io/en/latest/pipfile.html): `default` (required) and
/// `develop` (development) maps of name to `{version: "==x", hashes: [...]}`.
///
/// Entries without a version (VCS or editable installs) are kept with an empty version and
/// reported as a warning, since they cannot be matched against advisories.
public struct PipfileLockParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let root = try JSONInput.object(data, what: "Pipfile.lock")
        var out: [LockfilePackage] = []
        var warnings: [SBOMWarning] = []
        for (field, scope) in [("default", SBOMComponentScope.required), ("develop", .development)] {
            guard let packages = root[field] as? [String: Any] else { continue }
            for name in packages.keys.sorted() {
                guard let entry = packages[name] as? [String: Any] else { continue }
                var version = entry["version"] as? String ?? ""
                if version.hasPrefix("==") { version.removeFirst(2) }
                let hashes = (entry["hashes"] as? [Any] ?? []).compactMap { ($0 as? String).flatMap(SBOMHash.fromPrefixed) }
                let vcs = ["git", "hg", "svn", "bzr"].lazy.compactMap { entry[$0] as? String }.first
                if version.isEmpty {
                    warnings.append(SBOMWarning(code: "sbom.unpinned-package",
                                                message: "'\(name)' has no pinned version (\(vcs ?? entry["path"] as? String ?? "no source")); it cannot be matched against advisories.",
                                                file: path))
                }
                out.append(LockfilePackage(ecosystem: "PyPI", name: name, version: version,
                                           purl: EcosystemPurl.make(ecosystem: "PyPI", name: name, version: version,
                                                                    qualifiers: vcs.map { ["vcs_url": $0] } ?? [:]),
                                           hashes: hashes, scope: scope, sourceURL: vcs))
            }
        }
        return LockfileParseResult(kind: .pipfileLock, path: path, packages: out, warnings: warnings)
    }
}
