import Foundation
import TollgateModel

/// Writes SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/). Each component is a package
/// with its purl as a `PACKAGE-MANAGER` external reference; edges are `DEPENDS_ON`
/// relationships; the subject is `DESCRIBES`d by the document.
public enum SPDXJSONWriter {
    public static func write(_ sbom: SBOM, options: SBOMWriterOptions = SBOMWriterOptions()) throws(SBOMError) -> Data {
        let uuid = options.serialNumber.map { $0.replacingOccurrences(of: "urn:uuid:", with: "") }
            ?? DeterministicJSON.uuid(seed: DeterministicJSON.fingerprint(sbom))
        let timestamp = options.timestamp ?? sbom.created ?? Date(timeIntervalSince1970: 0)
        var all = sbom.components
        if let subject = sbom.subject, !all.contains(where: { $0.bomRef == subject.bomRef }) { all.insert(subject, at: 0) }
        var ids: [String: String] = [:]
        for (index, component) in all.enumerated() { ids[component.bomRef] = "SPDXRef-Package-\(index + 1)" }
        let packages: [JSONNode] = all.map { component in
            let declared = component.licenses.isEmpty ? "NOASSERTION"
                : component.licenses.count == 1 ? component.licenses[0]
                : component.licenses.map { "(" + $0 + ")" }.joined(separator: " AND ")
            var out: [String: JSONNode] = [
                "SPDXID": .string(ids[component.bomRef] ?? "SPDXRef-Package"),
                "name": .string(component.name),
                "downloadLocation": .string("NOASSERTION"),
                "filesAnalyzed": .bool(false),
                "licenseConcluded": .string("NOASSERTION"),
                "licenseDeclared": .string(declared),
                "copyrightText": .string("NOASSERTION"),
            ]
            if let version = component.version, !version.isEmpty { out["versionInfo"] = .string(version) }
            let checksums: [JSONNode] = Array(Set(component.hashes)).sorted().compactMap { hash in
                guard let algorithm = hash.spdxAlgorithm else { return nil }
                return .object(["algorithm": .string(algorithm), "checksumValue": .string(hash.value)])
            }
            if !checksums.isEmpty { out["checksums"] = .array(checksums) }
            if let purl = component.purl {
                out["externalRefs"] = .array([.object([
                    "referenceCategory": .string("PACKAGE-MANAGER"), "referenceType": .string("purl"),
                    "referenceLocator": .string(purl.description),
                ])])
            }
            if component.type == "application" { out["primaryPackagePurpose"] = .string("APPLICATION") }
            return .object(out)
        }
        func relationship(_ from: String, _ type: String, _ to: String) -> JSONNode {
            .object(["spdxElementId": .string(from), "relationshipType": .string(type), "relatedSpdxElement": .string(to)])
        }
        var relationships: [JSONNode] = []
        if let subject = sbom.subject, let id = ids[subject.bomRef] {
            relationships.append(relationship("SPDXRef-DOCUMENT", "DESCRIBES", id))
        } else {
            for component in all {
                if let id = ids[component.bomRef] { relationships.append(relationship("SPDXRef-DOCUMENT", "DESCRIBES", id)) }
            }
        }
        for edge in sbom.dependencies {
            guard let from = ids[edge.ref] else { continue }
            for target in Array(Set(edge.dependsOn)).sorted() {
                guard let to = ids[target] else { continue }
                relationships.append(relationship(from, "DEPENDS_ON", to))
            }
        }
        let document: [String: JSONNode] = [
            "spdxVersion": .string("SPDX-2.3"),
            "dataLicense": .string("CC0-1.0"),
            "SPDXID": .string("SPDXRef-DOCUMENT"),
            "name": .string(sbom.subject?.name ?? "tollgate-sbom"),
            "documentNamespace": .string("https://tollgate.dev/spdx/" + uuid),
            "creationInfo": .object([
                "created": .string(ISO8601.format(timestamp)),
                "creators": .array([.string("Tool: \(options.toolName)-\(options.toolVersion)")]),
            ]),
            "packages": .array(packages),
            "relationships": .array(relationships),
        ]
        return DeterministicJSON.encode(.object(document))
    }
}
