import Foundation
import TollgateModel

/// `package-lock.json` and `npm-shrinkwrap.json`, lockfile versions 1, 2 and 3
/// (https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json).
///
/// v2/v3 are read from `packages` (keyed by `node_modules/...` install path; the root `""`,
/// `link: true` entries and workspace folders outside `node_modules` are skipped). v1 walks the
/// nested `dependencies` tree. Aliases (`npm:real-name@version`) are reported under the real name.
public struct PackageLockParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let root = try JSONInput.object(data, what: "package-lock.json")
        let kind: LockfileKind = path.hasSuffix("npm-shrinkwrap.json") ? .npmShrinkwrap : .packageLockJSON
        if let packages = root["packages"] as? [String: Any], !packages.isEmpty {
            return LockfileParseResult(kind: kind, path: path, packages: parsePackages(packages))
        }
        let dependencies = root["dependencies"] as? [String: Any] ?? [:]
        return LockfileParseResult(kind: kind, path: path, packages: try parseV1(dependencies))
    }

    // MARK: v2 / v3

    private func parsePackages(_ packages: [String: Any]) -> [LockfilePackage] {
        var out: [LockfilePackage] = []
        for key in packages.keys.sorted() {
            guard let entry = packages[key] as? [String: Any], let range = key.range(of: "node_modules/", options: .backwards) else { continue }
            if entry["link"] as? Bool == true { continue }
            let pathName = String(key[range.upperBound...])
            let name = (entry["name"] as? String) ?? pathName
            let version = entry["version"] as? String ?? ""
            let resolved = entry["resolved"] as? String
            var dependencies: [LockfileDependencyReference] = []
            for field in ["dependencies", "optionalDependencies", "peerDependencies"] {
                guard let deps = entry[field] as? [String: Any] else { continue }
                for dep in deps.keys.sorted() {
                    if let target = resolveV2(dependency: dep, from: key, packages: packages) {
                        let targetEntry = packages[target] as? [String: Any]
                        let targetName = (targetEntry?["name"] as? String) ?? dep
                        dependencies.append(LockfileDependencyReference(name: targetName, version: targetEntry?["version"] as? String))
                    }
                }
            }
            out.append(makePackage(name: name, version: version, resolved: resolved, entry: entry, dependencies: dependencies))
        }
        return out
    }

    /// Node's resolution: look in `<path>/node_modules/<dep>`, then each ancestor's.
    private func resolveV2(dependency: String, from key: String, packages: [String: Any]) -> String? {
        var base = key
        while true {
            let candidate = base.isEmpty ? "node_modules/" + dependency : base + "/node_modules/" + dependency
            if packages[candidate] != nil { return candidate }
            if base.isEmpty { return nil }
            if let range = base.range(of: "/node_modules/", options: .backwards) {
                base = String(base[..<range.lowerBound])
            } else {
                base = ""
            }
        }
    }

    // MARK: v1

    private func parseV1(_ dependencies: [String: Any]) throws(SBOMError) -> [LockfilePackage] {
        var out: [LockfilePackage] = []
        // Iterative walk; each frame carries the scopes visible to it (innermost last).
        var stack: [(deps: [String: Any], scopes: [[String: Any]])] = [(dependencies, [dependencies])]
        var visited = 0
        while let frame = stack.popLast() {
            for key in frame.deps.keys.sorted() {
                guard let entry = frame.deps[key] as? [String: Any] else { continue }
                visited += 1
                guard visited <= LockfileLimits.maximumPackages else {
                    throw SBOMError(.tooLarge, "package-lock.json lists more than \(LockfileLimits.maximumPackages) packages.")
                }
                var name = key
                var version = entry["version"] as? String ?? ""
                if version.hasPrefix("npm:"), let at = version.dropFirst(5).lastIndex(of: "@") {
                    // "npm:real-name@1.2.3" (the search skips a leading scope '@').
                    name = String(version[version.index(version.startIndex, offsetBy: 4)..<at])
                    version = String(version[version.index(after: at)...])
                }
                let nested = entry["dependencies"] as? [String: Any]
                let scopes = nested.map { frame.scopes + [$0] } ?? frame.scopes
                var references: [LockfileDependencyReference] = []
                if let requires = entry["requires"] as? [String: Any] {
                    for dep in requires.keys.sorted() {
                        guard let target = scopes.reversed().lazy.compactMap({ $0[dep] as? [String: Any] }).first else { continue }
                        references.append(LockfileDependencyReference(name: dep, version: target["version"] as? String))
                    }
                }
                out.append(makePackage(name: name, version: version, resolved: entry["resolved"] as? String,
                                       entry: entry, dependencies: references))
                if let nested { stack.append((nested, scopes)) }
            }
        }
        return out
    }

    // MARK: shared

    private func makePackage(name: String, version: String, resolved: String?, entry: [String: Any],
                             dependencies: [LockfileDependencyReference]) -> LockfilePackage {
        let scope: SBOMComponentScope
        if entry["dev"] as? Bool == true || entry["devOptional"] as? Bool == true {
            scope = .development
        } else if entry["optional"] as? Bool == true {
            scope = .optional
        } else {
            scope = .required
        }
        let isRegistryVersion = !version.isEmpty && !version.contains(":") && !version.contains("/")
        var qualifiers: [String: String] = [:]
        var sourceURL: String?
        if let resolved, !resolved.hasPrefix("https://registry.npmjs.org/") && !resolved.hasPrefix("https://registry.yarnpkg.com/") {
            sourceURL = resolved
            if resolved.hasPrefix("git") { qualifiers["vcs_url"] = resolved }
        } else if !isRegistryVersion, !version.isEmpty {
            sourceURL = version
        }
        let purl = EcosystemPurl.make(ecosystem: "npm", name: name, version: isRegistryVersion ? version : nil, qualifiers: qualifiers)
        let hashes = (entry["integrity"] as? String).map(SBOMHash.fromIntegrity) ?? []
        return LockfilePackage(ecosystem: "npm", name: name, version: version, purl: purl, hashes: hashes,
                               scope: scope, dependencies: dependencies, sourceURL: sourceURL)
    }
}
