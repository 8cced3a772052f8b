import Foundation

/// `pnpm-lock.yaml`, lockfile versions 5.x, 6.x and 9.x (https://pnpm.io/git#lockfiles).
///
/// Package keys: v5 `/name/1.0.0_peer` (optionally prefixed by a registry host), v6
/// `/name@1.0.0(peer)`, v9 `name@1.0.0(peer)`. An entry's own `name`/`version` fields win
/// (git, tarball and `file:` dependencies). Keys whose version does not start with a digit are
/// not registry packages and are skipped. Scope: v5/v6 `dev`/`optional` flags; v9 marks a package
/// as development when it is only reachable from the importers' `devDependencies`.
public struct PnpmLockParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let root = try YAMLInput.mapping(String(decoding: data, as: UTF8.self), what: "pnpm-lock.yaml")
        let lockfileVersion = Double("\(root["lockfileVersion"] ?? "0")".trimmingCharacters(in: CharacterSet(charactersIn: "'\""))) ?? 0
        let packages = root["packages"] as? [String: Any] ?? [:]
        let snapshots = root["snapshots"] as? [String: Any] ?? [:]
        var out: [LockfilePackage] = []
        var keyToIndex: [String: Int] = [:]
        var warnings: [SBOMWarning] = []
        for key in packages.keys.sorted() {
            let entry = packages[key] as? [String: Any] ?? [:]
            guard let parsed = parseKey(key, version: lockfileVersion) ?? explicitNameVersion(entry)
                    ?? urlKeyNameVersion(key, entry: entry) else {
                warnings.append(SBOMWarning(code: "sbom.unrecognised-package", message: "pnpm package key '\(key)' names no registry version; skipped.", file: path))
                continue
            }
            let name = entry["name"] as? String ?? parsed.name
            let version = entry["version"] as? String ?? parsed.version
            let resolution = entry["resolution"] as? [String: Any] ?? [:]
            var qualifiers: [String: String] = [:]
            var sourceURL: String?
            var purlVersion: String? = version
            if let repo = resolution["repo"] as? String {
                let commit = resolution["commit"] as? String
                qualifiers["vcs_url"] = repo + (commit.map { "#" + $0 } ?? "")
                sourceURL = repo
            } else if let tarball = resolution["tarball"] as? String, !tarball.hasPrefix("https://registry.npmjs.org/") {
                if tarball.hasPrefix("file:") { purlVersion = nil } else { qualifiers["download_url"] = tarball }
                sourceURL = tarball
            } else if let directory = resolution["directory"] as? String {
                purlVersion = nil
                sourceURL = directory
            }
            var scope = SBOMComponentScope.required
            if "\(entry["dev"] ?? "")" == "true" { scope = .development }
            if "\(entry["optional"] ?? "")" == "true" { scope = .optional }
            let hashes = (resolution["integrity"] as? String).map(SBOMHash.fromIntegrity) ?? []
            var references: [LockfileDependencyReference] = []
            let graphEntry = (snapshots[key] as? [String: Any]) ?? entry
            for field in ["dependencies", "optionalDependencies"] {
                for (depName, depVersion) in (graphEntry[field] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    references.append(LockfileDependencyReference(name: depName, version: stripPeers("\(depVersion)")))
                }
            }
            keyToIndex[key] = out.count
            out.append(LockfilePackage(ecosystem: "npm", name: name, version: version,
                                       purl: EcosystemPurl.make(ecosystem: "npm", name: name, version: purlVersion, qualifiers: qualifiers),
                                       hashes: hashes, scope: scope, dependencies: references, sourceURL: sourceURL))
        }
        if lockfileVersion >= 9 {
            markDevelopmentOnly(root: root, packages: &out)
        }
        return LockfileParseResult(kind: .pnpmLock, path: path, packages: out, warnings: warnings)
    }

    /// pnpm 9 keys git and tarball dependencies as `name@https://...`; the version is in the entry.
    private func urlKeyNameVersion(_ key: String, entry: [String: Any]) -> (name: String, version: String)? {
        guard let version = entry["version"] as? String else { return nil }
        let searchStart = key.hasPrefix("@") ? key.index(after: key.startIndex) : key.startIndex
        guard let at = key[searchStart...].firstIndex(of: "@"), key[key.index(after: at)...].contains(":") else { return nil }
        return (String(key[..<at]), version)
    }

    private func explicitNameVersion(_ entry: [String: Any]) -> (name: String, version: String)? {
        guard let name = entry["name"] as? String, let version = entry["version"] as? String else { return nil }
        return (name, version)
    }

    /// Splits a package key into name and version for the lockfile version.
    func parseKey(_ rawKey: String, version lockfileVersion: Double) -> (name: String, version: String)? {
        var key = Substring(rawKey)
        if key.hasPrefix("/") {
            key = key.dropFirst()
        } else if lockfileVersion < 9 {
            // A registry host prefix ("registry.npmjs.org/foo/1.0.0").
            guard let slash = key.firstIndex(of: "/") else { return nil }
            key = key[key.index(after: slash)...]
        }
        let name: String
        var version: String
        if lockfileVersion >= 6 {
            let searchStart = key.hasPrefix("@") ? key.index(after: key.startIndex) : key.startIndex
            guard let at = key[searchStart...].firstIndex(of: "@") else { return nil }
            name = String(key[..<at])
            version = String(key[key.index(after: at)...])
            version = stripPeers(version)
        } else {
            let parts = key.split(separator: "/")
            if key.hasPrefix("@") {
                guard parts.count >= 3 else { return nil }
                name = parts[0] + "/" + parts[1]
                version = String(parts[2])
            } else {
                guard parts.count >= 2 else { return nil }
                name = String(parts[0])
                version = String(parts[1])
            }
            if let underscore = version.firstIndex(of: "_") { version = String(version[..<underscore]) }
        }
        guard let first = version.first, first.isNumber, !name.isEmpty else { return nil }
        return (name, version)
    }

    private func stripPeers(_ version: String) -> String {
        var out = version
        if let paren = out.firstIndex(of: "(") { out = String(out[..<paren]) }
        if let underscore = out.firstIndex(of: "_") { out = String(out[..<underscore]) }
        return out
    }

    /// pnpm 9 keeps `dev` flags only on importers: a package reachable only from
    /// `devDependencies` is development.
    private func markDevelopmentOnly(root: [String: Any], packages: inout [LockfilePackage]) {
        let importers = root["importers"] as? [String: Any] ?? [:]
        var production: [(String, String)] = []
        var development: [(String, String)] = []
        for (_, importer) in importers {
            guard let importer = importer as? [String: Any] else { continue }
            for field in ["dependencies", "optionalDependencies", "devDependencies"] {
                for (name, spec) in importer[field] as? [String: Any] ?? [:] {
                    let version = stripPeers("\((spec as? [String: Any])?["version"] ?? spec)")
                    if field == "devDependencies" { development.append((name, version)) } else { production.append((name, version)) }
                }
            }
        }
        var byIdentity: [String: [Int]] = [:]
        for (index, package) in packages.enumerated() { byIdentity[package.name + "@" + package.version, default: []].append(index) }
        func reach(_ roots: [(String, String)]) -> Set<Int> {
            var seen: Set<Int> = []
            var queue = roots.flatMap { byIdentity[$0.0 + "@" + $0.1] ?? [] }
            while let next = queue.popLast() {
                guard seen.insert(next).inserted else { continue }
                for dep in packages[next].dependencies {
                    queue.append(contentsOf: byIdentity[dep.name + "@" + (dep.version ?? "")] ?? [])
                }
            }
            return seen
        }
        let prod = reach(production)
        let dev = reach(development)
        for index in dev.subtracting(prod) where packages[index].scope == .required {
            packages[index].scope = .development
        }
    }
}
