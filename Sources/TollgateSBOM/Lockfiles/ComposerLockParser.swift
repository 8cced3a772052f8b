import Foundation

/// `composer.lock` (https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control):
/// `packages` (required) and `packages-dev` (development).
public struct ComposerLockParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let root = try JSONInput.object(data, what: "composer.lock")
        var out: [LockfilePackage] = []
        for (field, scope) in [("packages", SBOMComponentScope.required), ("packages-dev", .development)] {
            guard let list = root[field] as? [Any] else { continue }
            for case let entry as [String: Any] in list {
                guard let name = entry["name"] as? String else { continue }
                let version = entry["version"] as? String ?? ""
                var references: [LockfileDependencyReference] = []
                if let require = entry["require"] as? [String: Any] {
                    // Platform requirements (php, ext-*, lib-*) are not packages.
                    for dep in require.keys.sorted() where dep.contains("/") {
                        references.append(LockfileDependencyReference(name: dep))
                    }
                }
                var hashes: [SBOMHash] = []
                if let dist = entry["dist"] as? [String: Any], let shasum = dist["shasum"] as? String, shasum.count == 40 {
                    hashes.append(SBOMHash(algorithm: "SHA-1", value: shasum))
                }
                let source = (entry["source"] as? [String: Any])?["url"] as? String
                out.append(LockfilePackage(
                    ecosystem: "Packagist", name: name, version: version,
                    purl: EcosystemPurl.make(ecosystem: "Packagist", name: name, version: version.hasPrefix("dev-") ? nil : version),
                    hashes: hashes, scope: scope, dependencies: references, sourceURL: source))
            }
        }
        return LockfileParseResult(kind: .composerLock, path: path, packages: out)
    }
}
