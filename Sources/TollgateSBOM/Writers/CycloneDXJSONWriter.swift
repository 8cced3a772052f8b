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
        let tool: JSONNode = .object([
            "type": .string("application"), "name": .string(options.toolName), "version": .string(options.toolVersion),
        ])
        var metadata: [String: JSONNode] = [
            "timestamp": .string(ISO8601.format(timestamp)),
            "tools": .object(["components": .array([tool])]),
        ]
        if let subject = sbom.subject { metadata["component"] = component(subject) }
        var document: [String: JSONNode] = [
            "$schema": .string("http://cyclonedx.org/schema/bom-1.6.schema.json"),
            "bomFormat": .string("CycloneDX"),
            "specVersion": .string("1.6"),
            "serialNumber": .string(serial),
            "version": .int(1),
            "metadata": .object(metadata),
            "components": .array(sbom.components.map(component)),
        ]
        var known = Set(sbom.components.map(\.bomRef))
        if let subject = sbom.subject { known.insert(subject.bomRef) }
        // The schema requires every ref and dependsOn entry to be a known bom-ref, each once.
        var dependencies: [JSONNode] = []
        var seen: Set<String> = []
        for edge in sbom.dependencies where known.contains(edge.ref) && seen.insert(edge.ref).inserted {
            let targets = Array(Set(edge.dependsOn.filter(known.contains))).sorted()
            var entry: [String: JSONNode] = ["ref": .string(edge.ref)]
            if !targets.isEmpty { entry["dependsOn"] = .array(targets.map(JSONNode.string)) }
            dependencies.append(.object(entry))
        }
        if !dependencies.isEmpty { document["dependencies"] = .array(dependencies) }
        return DeterministicJSON.encode(.object(document))
    }

    static func component(_ component: SBOMComponent) -> JSONNode {
        var out: [String: JSONNode] = [
            "type": .string(cycloneDXType(component.type)),
            "bom-ref": .string(component.bomRef),
            "name": .string(component.name),
        ]
        if let group = component.group, !group.isEmpty { out["group"] = .string(group) }
        if let version = component.version, !version.isEmpty { out["version"] = .string(version) }
        if let purl = component.purl { out["purl"] = .string(purl.description) }
        let hashes = Array(Set(component.hashes.filter { hash in
            SBOMHash.hexLength(hash.algorithm).map { $0 == hash.value.count } ?? true
        })).sorted()
        if !hashes.isEmpty {
            out["hashes"] = .array(hashes.map { .object(["alg": .string($0.algorithm), "content": .string($0.value)]) })
        }
        if !component.licenses.isEmpty {
            let expression = component.licenses.count == 1
                ? component.licenses[0]
                : component.licenses.map { $0.contains(" ") ? "(" + $0 + ")" : $0 }.joined(separator: " AND ")
            out["licenses"] = .array([.object(["expression": .string(expression)])])
        }
        var properties = component.properties
        switch component.scope {
        case .required?: out["scope"] = .string("required")
        case .optional?: out["scope"] = .string("optional")
        case .development?:
            out["scope"] = .string("excluded")
            properties.append(SBOMProperty(name: "tollgate:scope", value: "development"))
        case nil: break
        }
        if let source = component.sourceFile {
            properties.append(SBOMProperty(name: "tollgate:source-file", value: source))
        }
        if !properties.isEmpty {
            out["properties"] = .array(properties.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
                .map { .object(["name": .string($0.name), "value": .string($0.value)]) })
        }
        return .object(out)
    }

    /// CycloneDX 1.6 component types; anything else is written as `library`.
    static func cycloneDXType(_ type: String) -> String {
        let allowed: Set<String> = ["application", "framework", "library", "container", "platform", "operating-system",
                                    "device", "device-driver", "firmware", "file", "machine-learning-model", "data",
                                    "cryptographic-asset"]
        return allowed.contains(type) ? type : "library"
    }
}
