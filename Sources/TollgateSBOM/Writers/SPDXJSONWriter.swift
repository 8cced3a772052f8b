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
        let packages: [[String: Any]] = all.map { component in
            var out: [String: Any] = [
                "SPDXID": ids[component.bomRef] ?? "SPDXRef-Package",
                "name": component.name,
                "downloadLocation": "NOASSERTION",
                "filesAnalyzed": false,
                "licenseConcluded": "NOASSERTION",
                "licenseDeclared": component.licenses.isEmpty ? "NOASSERTION"
                    : component.licenses.count == 1 ? component.licenses[0]
                    : component.licenses.map { "(" + $0 + ")" }.joined(separator: " AND "),
                "copyrightText": "NOASSERTION",
            ]
            if let version = component.version, !version.isEmpty { out["versionInfo"] = version }
            let checksums = Array(Set(component.hashes)).sorted().compactMap { hash -> [String: Any]? in
                guard let algorithm = hash.spdxAlgorithm else { return nil }
                return ["algorithm": algorithm, "checksumValue": hash.value]
            }
            if !checksums.isEmpty { out["checksums"] = checksums }
            if let purl = component.purl {
                out["externalRefs"] = [["referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                                        "referenceLocator": purl.description]]
            }
            if component.type == "application" { out["primaryPackagePurpose"] = "APPLICATION" }
            return out
        }
        var relationships: [[String: Any]] = []
        if let subject = sbom.subject, let id = ids[subject.bomRef] {
            relationships.append(["spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": id])
        } else {
            for component in all {
                if let id = ids[component.bomRef] {
                    relationships.append(["spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": id])
                }
            }
        }
        for edge in sbom.dependencies {
            guard let from = ids[edge.ref] else { continue }
            for target in Array(Set(edge.dependsOn)).sorted() {
                guard let to = ids[target] else { continue }
                relationships.append(["spdxElementId": from, "relationshipType": "DEPENDS_ON", "relatedSpdxElement": to])
            }
        }
        let document: [String: Any] = [
            "spdxVersion": "SPDX-2.3",
            "dataLicense": "CC0-1.0",
            "SPDXID": "SPDXRef-DOCUMENT",
            "name": sbom.subject?.name ?? "tollgate-sbom",
            "documentNamespace": "https://tollgate.dev/spdx/" + uuid,
            "creationInfo": ["created": ISO8601.format(timestamp), "creators": ["Tool: \(options.toolName)-\(options.toolVersion)"]],
            "packages": packages,
            "relationships": relationships,
        ]
        return try DeterministicJSON.encode(document)
    }
}
