import Foundation

/// `go.mod` (https://go.dev/ref/mod#go-mod-file): `require` directives after applying `replace`.
///
/// Versions are recorded without the leading `v` (as OSV's Go ecosystem writes them); the purl
/// keeps Go's `v` form. A replacement by a local directory is listed under that path with no
/// version and no purl (not a published module); a replacement by another module substitutes
/// it. The Go standard library is listed as `stdlib` at the `toolchain` version, else the `go`
/// directive's. Modules only listed in `go.sum` (pre-1.17 modules) are not added. These
/// expectations match osv-scalibr's gomod extractor tests.
public struct GoModParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        guard data.count <= LockfileLimits.maximumBytes else {
            throw SBOMError(.tooLarge, "go.mod must be at most \(LockfileLimits.maximumBytes) bytes; found \(data.count).")
        }
        let text = String(decoding: data, as: UTF8.self)
        var requires: [(module: String, version: String, indirect: Bool)] = []
        var replaces: [(module: String, version: String?, target: String, targetVersion: String?)] = []
        var goVersion: String?
        var toolchain: String?
        var block: String?
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indirect = raw.contains("// indirect")
            var line = raw.trimmingCharacters(in: .whitespaces)
            if let comment = line.range(of: "//") { line = line[..<comment.lowerBound].trimmingCharacters(in: .whitespaces) }
            if line.isEmpty { continue }
            var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if let current = block {
                if line == ")" { block = nil; continue }
                fields.insert(current, at: 0)
            } else if fields.count == 2, fields[1] == "(" {
                block = fields[0]
                continue
            }
            guard let directive = fields.first else { continue }
            let args = Array(fields.dropFirst()).map(unquote)
            switch directive {
            case "module", "exclude", "retract", "godebug", "tool", "ignore":
                break
            case "go":
                goVersion = args.first
            case "toolchain":
                toolchain = args.first
            case "require":
                guard args.count >= 2 else { throw invalid(offset, line) }
                requires.append((args[0], args[1], indirect))
            case "replace":
                guard let arrow = args.firstIndex(of: "=>"), arrow >= 1, arrow + 1 < args.count else { throw invalid(offset, line) }
                replaces.append((args[0], arrow == 2 ? args[1] : nil, args[arrow + 1], arrow + 2 < args.count ? args[arrow + 2] : nil))
            default:
                throw invalid(offset, line)
            }
        }
        var packages: [LockfilePackage] = []
        for requirement in requires {
            var module = requirement.module
            var version = requirement.version
            let replacement = replaces.first { $0.module == module && $0.version == version }
                ?? replaces.first { $0.module == module && $0.version == nil }
            if let replacement {
                guard let targetVersion = replacement.targetVersion else {
                    // A local directory: kept in the inventory under its path, with no version and
                    // no purl, so a scanner reports it as unscannable instead of dropping it.
                    packages.append(LockfilePackage(ecosystem: "Go", name: replacement.target, version: "",
                                                    sourceURL: replacement.target))
                    continue
                }
                module = replacement.target
                version = targetVersion
            }
            packages.append(package(module: module, goVersion: version, scope: .required))
        }
        if let stdlib = (toolchain.map { String($0.dropFirst($0.hasPrefix("go") ? 2 : 0)) } ?? goVersion) {
            let clean = String(stdlib.prefix { $0 != "-" && $0 != "+" })
            if !clean.isEmpty { packages.append(package(module: "stdlib", goVersion: "v" + clean, scope: .required)) }
        }
        return LockfileParseResult(kind: .goMod, path: path, packages: packages)
    }

    private func package(module: String, goVersion: String, scope: SBOMComponentScope) -> LockfilePackage {
        let plain = goVersion.hasPrefix("v") ? String(goVersion.dropFirst()) : goVersion
        return LockfilePackage(ecosystem: "Go", name: module, version: plain,
                               purl: EcosystemPurl.make(ecosystem: "Go", name: module, version: goVersion), scope: scope)
    }

    private func unquote(_ field: String) -> String {
        if field.count >= 2, field.hasPrefix("\"") || field.hasPrefix("`"), field.last == field.first {
            return String(field.dropFirst().dropLast())
        }
        return field
    }

    private func invalid(_ offset: Int, _ line: String) -> SBOMError {
        SBOMError(.invalidLockfile, "go.mod line \(offset + 1): '\(line.prefix(80))' is not a go.mod directive.")
    }
}
