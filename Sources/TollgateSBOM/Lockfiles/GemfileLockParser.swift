import Foundation

/// Bundler `Gemfile.lock` (https://bundler.io/guides/gemfile_lock.html).
///
/// Gems come from the `specs:` of `GEM` (registry), `GIT` (recorded with a `vcs_url` qualifier
/// at `revision`) and `PATH` (local; no purl version, so they are reported as unscannable).
/// A platform suffix (`nokogiri (1.13.1-x86_64-linux)`) is not part of the version.
public struct GemfileLockParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        guard data.count <= LockfileLimits.maximumBytes else {
            throw SBOMError(.tooLarge, "Gemfile.lock must be at most \(LockfileLimits.maximumBytes) bytes; found \(data.count).")
        }
        let text = String(decoding: data, as: UTF8.self)
        var packages: [LockfilePackage] = []
        var warnings: [SBOMWarning] = []
        var section = ""
        var remote: String?
        var revision: String?
        var inSpecs = false
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if indent == 0 {
                section = String(content)
                remote = nil
                revision = nil
                inSpecs = false
                continue
            }
            guard ["GEM", "GIT", "PATH", "PLUGIN SOURCE"].contains(section) else { continue }
            if indent == 2 {
                inSpecs = content == "specs:"
                if content.hasPrefix("remote: "), remote == nil { remote = String(content.dropFirst(8)) }
                if content.hasPrefix("revision: ") { revision = String(content.dropFirst(10)) }
                continue
            }
            guard inSpecs else { continue }
            if indent == 4 {
                guard let open = content.firstIndex(of: "("), content.hasSuffix(")") else {
                    warnings.append(SBOMWarning(code: "sbom.invalid-gem-spec",
                                                message: "line \(offset + 1): '\(content)' has no version.", file: path))
                    continue
                }
                let name = content[..<open].trimmingCharacters(in: .whitespaces)
                let inside = content[content.index(after: open)..<content.index(before: content.endIndex)]
                let version = String(inside.prefix { $0 != "-" })
                var qualifiers: [String: String] = [:]
                var purlVersion: String? = version
                var sourceURL: String?
                switch section {
                case "GIT":
                    if let remote { qualifiers["vcs_url"] = "git+" + remote + (revision.map { "@" + $0 } ?? "") }
                    sourceURL = remote
                case "PATH":
                    purlVersion = nil
                    sourceURL = remote
                default:
                    if let remote, remote != "https://rubygems.org/" { qualifiers["repository_url"] = remote }
                }
                if inside.contains("-") { qualifiers["platform"] = String(inside.drop { $0 != "-" }.dropFirst()) }
                packages.append(LockfilePackage(ecosystem: "RubyGems", name: name, version: version,
                                                purl: EcosystemPurl.make(ecosystem: "RubyGems", name: name, version: purlVersion, qualifiers: qualifiers),
                                                sourceURL: sourceURL))
            } else if indent == 6, !packages.isEmpty {
                let depName = content.prefix { $0 != " " }
                packages[packages.count - 1].dependencies.append(LockfileDependencyReference(name: String(depName)))
            }
        }
        return LockfileParseResult(kind: .gemfileLock, path: path, packages: packages, warnings: warnings)
    }
}
