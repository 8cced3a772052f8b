import Foundation
import TollgateModel

/// Small CycloneDX 1.5 documents for scenarios: a subject (with its digest as a SHA-256 hash) and
/// components with a dependency graph, so the relationships are the SBOM's own.
struct ScenarioSBOM {
    var name: String
    var purl: String?
    var digest: Digest
    /// purl → the purls it depends on; `direct` are the subject's own dependencies.
    var direct: [String]
    var edges: [String: [String]] = [:]

    func json() -> Data {
        var all: [String] = []
        for purl in direct + edges.keys.sorted() + edges.values.flatMap({ $0 }) where !all.contains(purl) { all.append(purl) }
        let components = all.map { purl -> [String: Any] in
            let name = purl.split(separator: "/").last.map { String($0.split(separator: "@")[0]) } ?? purl
            let version = purl.split(separator: "@").last.map(String.init) ?? ""
            return ["type": "library", "bom-ref": purl, "name": name, "version": version, "purl": purl]
        }
        var subject: [String: Any] = ["type": "application", "bom-ref": "subject", "name": name,
                                      "hashes": [["alg": "SHA-256", "content": digest.hex]]]
        if let purl { subject["purl"] = purl }
        var dependencies: [[String: Any]] = [["ref": "subject", "dependsOn": direct]]
        for (from, to) in edges.sorted(by: { $0.key < $1.key }) { dependencies.append(["ref": from, "dependsOn": to]) }
        let document: [String: Any] = ["bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
                                       "metadata": ["component": subject], "components": components, "dependencies": dependencies]
        return try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }
}

extension Digest {
    /// A made-up SHA-256 digest for a name.
    static func of(_ name: String) -> Digest { DigestAlgorithm.sha256.hash(Data(name.utf8)) }
}
