import Foundation

/// `poetry.lock` (lock-version 1.x and 2.x, https://python-poetry.org/docs/basic-usage/#installing-with-poetrylock).
///
/// Scope: `category = "dev"` (1.x) or `groups` without `main` (2.x) is development, `optional =
/// true` is optional. Hashes: the sdist's hash when listed (`files` in 2.x, `[metadata.files]` in 1.x).
public struct PoetryLockParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let root = try TOMLLockfile.read(data, what: "poetry.lock")
        let legacyFiles = root["metadata"]?["files"]?.table ?? [:]
        var out: [LockfilePackage] = []
        for package in TOMLLockfile.packages(root) {
            guard let name = package["name"]?.string else { continue }
            let version = package["version"]?.string ?? ""
            var scope = SBOMComponentScope.required
            if package["category"]?.string == "dev" { scope = .development }
            if let groups = package["groups"]?.array?.compactMap(\.string), !groups.isEmpty, !groups.contains("main") {
                scope = .development
            }
            if package["optional"]?.bool == true { scope = .optional }
            let references = (package["dependencies"]?.table ?? [:]).keys.sorted().map { LockfileDependencyReference(name: $0) }
            let files = package["files"]?.array ?? legacyFiles[name]?.array ?? []
            let hashes = PythonHashes.sdistHash(files: files)
            var qualifiers: [String: String] = [:]
            var sourceURL: String?
            if let source = package["source"]?.table, let type = source["type"]?.string, let url = source["url"]?.string {
                sourceURL = url
                if type == "git" {
                    let commit = source["resolved_reference"]?.string ?? source["reference"]?.string
                    qualifiers["vcs_url"] = "git+" + url + (commit.map { "@" + $0 } ?? "")
                } else if type == "legacy" {
                    qualifiers["repository_url"] = url
                } else {
                    qualifiers["download_url"] = url
                }
            }
            out.append(LockfilePackage(ecosystem: "PyPI", name: name, version: version,
                                       purl: EcosystemPurl.make(ecosystem: "PyPI", name: name, version: version, qualifiers: qualifiers),
                                       hashes: hashes, scope: scope, dependencies: references, sourceURL: sourceURL))
        }
        return LockfileParseResult(kind: .poetryLock, path: path, packages: out)
    }
}
