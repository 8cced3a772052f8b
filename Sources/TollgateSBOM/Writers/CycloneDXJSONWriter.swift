import Foundation
import TollgateModel

/// Writes CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/), valid against the official
/// `bom-1.6.schema.json` (checked by `scripts/validate-cyclonedx.py`).
///
/// Development-only components are written with scope `excluded` and the property
/// `tollgate:scope` = `development`; licenses are written as one SPDX expression; hashes that
/// are not a valid digest length are left out (the schema would reject them).
public enum CycloneDXJSONWriter {
    public static func write(_ sbom: SBOM, options: SBOMWriterOptions = SBOMWriterOptions()) throws(SBOMError) -> Data {
        let serial = options.serialNumber ?? "urn:uuid:" + DeterministicJSON.uuid(seed: DeterministicJSON.fingerprint(sbom))
        let timestamp = options.timestamp ?? sbom.created ?? Date(timeIntervalSince1970: 0)
        var metadata: [String: Any] = [
            "timestamp": ISO8601.format(timestamp),
            "tools": ["components": [["type": "application", "name": options.toolName, "version": options.toolVersion]]],
        ]
        if let subject = sbom.subject { metadata["component"] = component(subject) }
        var document: [String: Any] = [
            "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "serialNumber": serial,
            "version": 1,
            "metadata": metadata,
            "components": sbom.components.map(component),
        ]
        var known = Set(sbom.components.map(\.bomRef))
        if let subject = sbom.subject { known.insert(subject.bomRef) }
        // The schema requires every ref and dependsOn entry to be a known bom-ref, each once.
        var dependencies: [[String: Any]] = []
        var seen: Set<String> = []
        for edge in sbom.dependencies where known.contains(edge.ref) && seen.insert(edge.ref).inserted {
            let targets = Array(Set(edge.dependsOn.filter(known.contains))).sorted()
            dependencies.append(targets.isEmpty ? ["ref": edge.ref] : ["ref": edge.ref, "dependsOn": targets])
        }
        if !dependencies.isEmpty { document["dependencies"] = dependencies }
        return try DeterministicJSON.encode(document)
    }

    static func component(_ component: SBOMComponent) -> [String: Any] {
        var out: [String: Any] = [
            "type": cycloneDXType(component.type),
            "bom-ref": component.bomRef,
            "name": component.name,
        ]
        if let group = component.group, !group.isEmpty { out["group"] = group }
        if let version = component.version, !version.isEmpty { out["version"] = version }
        if let purl = component.purl { out["purl"] = purl.description }
        let hashes = Array(Set(component.hashes.filter { hash in
            SBOMHash.hexLength(hash.algorithm).map { $0 == hash.value.count } ?? true
        })).sorted()
        if !hashes.isEmpty { out["hashes"] = hashes.map { ["alg": $0.algorithm, "content": $0.value] } }
        if !component.licenses.isEmpty {
            let expression = component.licenses.count == 1
                ? component.licenses[0]
                : component.licenses.map { $0.contains(" ") ? "(" + $0 + ")" : $0 }.joined(separator: " AND ")
            out["licenses"] = [["expression": expression]]
        }
        var properties = component.properties
        switch component.scope {
        case .required?: out["scope"] = "required"
        case .optional?: out["scope"] = "optional"
        case .development?:
            out["scope"] = "excluded"
            properties.append(SBOMProperty(name: "tollgate:scope", value: "development"))
        case nil: break
        }
        if let source = component.sourceFile {
            properties.append(SBOMProperty(name: "tollgate:source-file", value: source))
        }
        if !properties.isEmpty {
            out["properties"] = properties.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
                .map { ["name": $0.name, "value": $0.value] }
        }
        return out
    }

    /// CycloneDX 1.6 component types; anything else is written as `library`.
    static func cycloneDXType(_ type: String) -> String {
        let allowed: Set<String> = ["application", "framework", "library", "container", "platform", "operating-system",
                                    "device", "device-driver", "firmware", "file", "machine-learning-model", "data",
                                    "cryptographic-asset"]
        return allowed.contains(type) ? type : "library"
    }
}
