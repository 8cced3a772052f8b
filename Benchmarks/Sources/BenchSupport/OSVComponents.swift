// The synthetic SBOM's components, shared by ScanBench and GateBench so both scan the same purls:
// real package names and versions from the OSV data, shuffled with a fixed seed.
import Foundation
import TollgateModel
import TollgateVulnerabilities

/// The purl of an OSV (ecosystem, name, version), or nil for an ecosystem the benchmarks skip.
public func purlText(ecosystem: String, name: String, version: String) -> String? {
    func enc(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
    switch ecosystem {
    case "PyPI": return "pkg:pypi/\(enc(name))@\(enc(version))"
    case "crates.io": return "pkg:cargo/\(enc(name))@\(enc(version))"
    case "npm":
        if name.hasPrefix("@"), let slash = name.firstIndex(of: "/") {
            return "pkg:npm/\(enc(String(name[..<slash])))/\(enc(String(name[name.index(after: slash)...])))@\(enc(version))"
        }
        return "pkg:npm/\(enc(name))@\(enc(version))"
    case "Maven":
        let parts = name.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        return "pkg:maven/\(enc(String(parts[0])))/\(enc(String(parts[1])))@\(enc(version))"
    case "Go":
        guard let slash = name.lastIndex(of: "/") else { return nil }
        let namespace = name[..<slash].split(separator: "/").map { enc(String($0)) }.joined(separator: "/")
        let v = version.hasPrefix("v") ? version : "v" + version
        return "pkg:golang/\(namespace)/\(enc(String(name[name.index(after: slash)...])))@\(enc(v))"
    default: return nil
    }
}

/// Real (ecosystem, name, version) triples from the data: every event version and listed version of
/// every affected package, deduplicated and sorted, then the first `count` after a deterministic shuffle.
public func syntheticComponents(osvDirectory: String, count: Int) throws -> [String] {
    var triples = Set<String>()
    let enumerator = FileManager.default.enumerator(atPath: osvDirectory)
    while let relative = enumerator?.nextObject() as? String {
        guard relative.hasSuffix(".json") else { continue }
        let data = try Data(contentsOf: URL(fileURLWithPath: osvDirectory).appendingPathComponent(relative))
        guard let record = try? OSVRecord.parse(data), record.withdrawn == nil else { continue }
        for affected in record.affected {
            guard let package = affected.package else { continue }
            var versions = affected.versions
            for range in affected.ranges where range.type != "GIT" {
                for event in range.events where event.version != "0" { versions.append(event.version) }
            }
            for version in versions {
                if let purl = purlText(ecosystem: package.ecosystem, name: package.name, version: version) {
                    triples.insert(purl)
                }
            }
        }
    }
    // A fixed-seed shuffle (SplitMix64) so every run and the Python reference scan the same SBOM.
    var state: UInt64 = 0x5EED
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    var list = triples.sorted()
    for i in stride(from: list.count - 1, to: 0, by: -1) {
        list.swapAt(i, Int(next() % UInt64(i + 1)))
    }
    return Array(list.prefix(count))
}
