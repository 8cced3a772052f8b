import Foundation
import Yams

/// `yarn.lock`: classic v1 (its own indented format, https://classic.yarnpkg.com/lang/en/docs/yarn-lock/)
/// and Berry v2+ (YAML with `__metadata`).
///
/// Keys list the specifiers that resolved to an entry (`"a@^1.0.0", "a@^1.1.0"`); aliases
/// (`alias@npm:real@^1`) are reported under the real name; Berry workspace entries
/// (`@workspace:`) are the project itself and are skipped.
public struct YarnLockParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        guard data.count <= LockfileLimits.maximumBytes else {
            throw SBOMError(.tooLarge, "yarn.lock must be at most \(LockfileLimits.maximumBytes) bytes; found \(data.count).")
        }
        let text = String(decoding: data, as: UTF8.self)
        let isBerry = text.contains("\n__metadata:") || text.hasPrefix("__metadata:")
        let entries = isBerry ? try parseBerry(text) : try parseClassic(text)
        return LockfileParseResult(kind: .yarnLock, path: path, packages: link(entries, berry: isBerry))
    }

    struct Entry {
        var specifiers: [String]
        var fields: [String: String] = [:]
        var dependencies: [(String, String)] = []
    }

    // MARK: classic

    private func parseClassic(_ text: String) throws(SBOMError) -> [Entry] {
        var entries: [Entry] = []
        var inDependencies = false
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = line.prefix { $0 == " " }.count
            if indent == 0 {
                guard trimmed.hasSuffix(":") else {
                    throw SBOMError(.invalidLockfile, "yarn.lock line \(offset + 1): expected 'specifier:' but found '\(trimmed.prefix(80))'.")
                }
                let specifiers = trimmed.dropLast().split(separator: ",").map { unquote($0.trimmingCharacters(in: .whitespaces)) }
                entries.append(Entry(specifiers: specifiers))
                inDependencies = false
                continue
            }
            guard !entries.isEmpty else { continue }
            if indent == 2 {
                if trimmed.hasSuffix(":") {
                    inDependencies = trimmed == "dependencies:" || trimmed == "optionalDependencies:"
                    continue
                }
                inDependencies = false
                let (key, value) = splitField(trimmed)
                entries[entries.count - 1].fields[key] = value
            } else if inDependencies {
                let (key, value) = splitField(trimmed)
                entries[entries.count - 1].dependencies.append((key, value))
            }
        }
        return entries
    }

    private func splitField(_ text: String) -> (String, String) {
        // `key "value"` in v1; names can be quoted ("@babel/core" "^7").
        if text.hasPrefix("\""), let close = text.dropFirst().firstIndex(of: "\"") {
            let key = String(text[text.index(after: text.startIndex)..<close])
            return (key, unquote(text[text.index(after: close)...].trimmingCharacters(in: .whitespaces)))
        }
        guard let space = text.firstIndex(of: " ") else { return (text, "") }
        return (String(text[..<space]), unquote(text[text.index(after: space)...].trimmingCharacters(in: .whitespaces)))
    }

    private func unquote(_ text: String) -> String {
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { return String(text.dropFirst().dropLast()) }
        return text
    }

    // MARK: berry

    private func parseBerry(_ text: String) throws(SBOMError) -> [Entry] {
        let root = try YAMLInput.mapping(text, what: "yarn.lock")
        var entries: [Entry] = []
        for key in root.keys.sorted() where key != "__metadata" {
            guard let body = root[key] as? [String: Any] else { continue }
            var entry = Entry(specifiers: key.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            for field in ["version", "resolution", "checksum", "linkType"] {
                if let value = body[field] { entry.fields[field] = "\(value)" }
            }
            for field in ["dependencies", "optionalDependencies"] {
                for (name, range) in (body[field] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    entry.dependencies.append((name, "\(range)"))
                }
            }
            entries.append(entry)
        }
        return entries
    }

    // MARK: shared

    /// The package name of a specifier `name@range` (the '@' of a scope is not the separator).
    static func name(ofSpecifier specifier: String) -> String {
        let searchStart = specifier.hasPrefix("@") ? specifier.index(after: specifier.startIndex) : specifier.startIndex
        guard let at = specifier[searchStart...].firstIndex(of: "@") else { return specifier }
        return String(specifier[..<at])
    }

    private func link(_ entries: [Entry], berry: Bool) -> [LockfilePackage] {
        var packages: [LockfilePackage] = []
        var bySpecifier: [String: Int] = [:]
        for entry in entries {
            guard let first = entry.specifiers.first else { continue }
            let resolution = entry.fields["resolution"] ?? ""
            if berry, resolution.contains("@workspace:") || first.contains("@workspace:") { continue }
            var name = YarnLockParser.name(ofSpecifier: first)
            if berry, !resolution.isEmpty {
                name = YarnLockParser.name(ofSpecifier: resolution)
            } else if let alias = first.range(of: "@npm:") {
                name = YarnLockParser.name(ofSpecifier: String(first[alias.upperBound...]))
            }
            let version = entry.fields["version"] ?? ""
            let resolved = entry.fields["resolved"] ?? resolution
            // Where the entry comes from: for Berry the protocol after "name@" in `resolution`,
            // for v1 the `resolved` URL and the specifier's protocol.
            let source: String
            if berry {
                let nameLength = YarnLockParser.name(ofSpecifier: resolution).count
                source = String(resolution.dropFirst(min(resolution.count, nameLength + 1)))
            } else {
                source = resolved
            }
            let localProtocols = ["file:", "link:", "portal:", "workspace:"]
            let isLocal = localProtocols.contains { source.hasPrefix($0) }
                || entry.specifiers.contains { spec in localProtocols.contains { spec.contains("@" + $0) } }
            let isRegistry: Bool
            if berry {
                isRegistry = source.hasPrefix("npm:") || source.hasPrefix("patch:")
            } else {
                isRegistry = !isLocal && (resolved.isEmpty || resolved.hasPrefix("https://registry.yarnpkg.com/") || resolved.hasPrefix("https://registry.npmjs.org/"))
            }
            var qualifiers: [String: String] = [:]
            if !isRegistry, !isLocal, !source.isEmpty {
                if source.hasPrefix("git") || source.hasPrefix("ssh:") || source.contains("#") {
                    qualifiers["vcs_url"] = source
                } else {
                    qualifiers["download_url"] = source
                }
            }
            let hashes = (entry.fields["integrity"]).map(SBOMHash.fromIntegrity) ?? []
            for specifier in entry.specifiers { bySpecifier[specifier] = packages.count }
            packages.append(LockfilePackage(ecosystem: "npm", name: name, version: version,
                                            purl: EcosystemPurl.make(ecosystem: "npm", name: name, version: isLocal ? nil : version, qualifiers: qualifiers),
                                            hashes: hashes, sourceURL: isRegistry ? nil : source))
        }
        // Resolve dependency specifiers to the entries that satisfy them.
        for entry in entries {
            guard let first = entry.specifiers.first, let packageIndex = bySpecifier[first] else { continue }
            for (depName, range) in entry.dependencies {
                let specifier = depName + "@" + range
                if let target = bySpecifier[specifier] {
                    packages[packageIndex].dependencies.append(
                        LockfileDependencyReference(name: packages[target].name, version: packages[target].version))
                }
            }
        }
        return packages
    }
}
