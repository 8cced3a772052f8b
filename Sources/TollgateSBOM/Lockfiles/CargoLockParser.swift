import Foundation

/// `Cargo.lock` (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html), versions
/// 1–4. Packages without `source` are workspace or path crates and are not registry packages, so
/// they are skipped; `checksum` is the SHA-256 of the `.crate` file.
public struct CargoLockParser: LockfileParser {
    public init() {}

    public func parse(_ data: Data, path: String) throws(SBOMError) -> LockfileParseResult {
        let root = try TOMLLockfile.read(data, what: "Cargo.lock")
        // Cargo.lock v1 keeps checksums in [metadata] as "checksum name version (source)" = "hex".
        let legacyChecksums = root["metadata"]?.table ?? [:]
        var out: [LockfilePackage] = []
        for package in TOMLLockfile.packages(root) {
            guard let name = package["name"]?.string, let source = package["source"]?.string else { continue }
            let version = package["version"]?.string ?? ""
            var references: [LockfileDependencyReference] = []
            for dep in package["dependencies"]?.array ?? [] {
                guard let text = dep.string else { continue }
                let parts = text.split(separator: " ")
                guard let depName = parts.first else { continue }
                references.append(LockfileDependencyReference(name: String(depName), version: parts.count > 1 ? String(parts[1]) : nil))
            }
            var hashes: [SBOMHash] = []
            let checksum = package["checksum"]?.string
                ?? legacyChecksums["checksum \(name) \(version) (\(source))"]?.string
            if let checksum, checksum.count == 64 { hashes.append(SBOMHash(algorithm: "SHA-256", value: checksum)) }
            let isRegistry = source.hasPrefix("registry+") || source.hasPrefix("sparse+")
            out.append(LockfilePackage(
                ecosystem: "crates.io", name: name, version: version,
                purl: EcosystemPurl.make(ecosystem: "crates.io", name: name, version: version,
                                         qualifiers: isRegistry ? [:] : ["vcs_url": source]),
                hashes: hashes, dependencies: references, sourceURL: isRegistry ? nil : source))
        }
        return LockfileParseResult(kind: .cargoLock, path: path, packages: out)
    }
}
