import Foundation
import TollgateModel

/// CycloneDX JSON, spec versions 1.2–1.6 (https://cyclonedx.org/docs/1.6/json/).
enum CycloneDXJSONReader {
    static let maximumDepth = 64
    static let maximumComponents = 1_000_000

    static func read(_ object: [String: Any], what: String) throws(SBOMError) -> SBOMReadResult {
        var builder = ComponentBuilder(file: what)
        let specVersion = object["specVersion"] as? String
        if (object["bomFormat"] as? String) != "CycloneDX" {
            builder.warn("sbom.missing-field", "\"bomFormat\": \"CycloneDX\" is missing; read as CycloneDX \(specVersion ?? "(no specVersion)").")
        }
        if specVersion == nil { builder.warn("sbom.missing-field", "\"specVersion\" is missing.") }
        if let specVersion, !["1.2", "1.3", "1.4", "1.5", "1.6", "1.7"].contains(specVersion) {
            builder.warn("sbom.unsupported-version", "CycloneDX specVersion \(specVersion) is not one of 1.2–1.6; read as best effort.")
        }
        var sbom = SBOM(format: .cycloneDXJSON, specVersion: specVersion)
        sbom.serialNumber = object["serialNumber"] as? String
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        if let timestamp = metadata["timestamp"] as? String {
            sbom.created = ISO8601.parse(timestamp)
            if sbom.created == nil { builder.warn("sbom.invalid-timestamp", "metadata.timestamp '\(timestamp.prefix(60))' is not RFC 3339.") }
        }
        sbom.tools = tools(metadata["tools"])
        if let subject = metadata["component"] as? [String: Any] {
            var flat: [SBOMComponent] = []
            try collect([subject], depth: 0, into: &flat, builder: &builder)
            sbom.subject = flat.first
            // Components nested under the subject are part of the inventory.
            sbom.components.append(contentsOf: flat.dropFirst())
        }
        if let components = object["components"] {
            guard let list = components as? [Any] else {
                throw SBOMError(.invalidDocument, "\(what): \"components\" must be an array; found \(JSONInput.typeName(components)).")
            }
            try collect(list, depth: 0, into: &sbom.components, builder: &builder)
        }
        for case let entry as [String: Any] in object["dependencies"] as? [Any] ?? [] {
            guard let ref = entry["ref"] as? String else {
                builder.warn("sbom.missing-field", "a dependencies entry has no \"ref\"; ignored.")
                continue
            }
            let dependsOn = (entry["dependsOn"] as? [Any] ?? []).compactMap { $0 as? String }
            sbom.dependencies.append(SBOMDependency(ref: ref, dependsOn: dependsOn))
        }
        return SBOMReadResult(sbom: sbom, warnings: builder.warnings)
    }

    static func tools(_ value: Any?) -> [String] {
        var list: [[String: Any]] = []
        if let array = value as? [Any] {
            list = array.compactMap { $0 as? [String: Any] }
        } else if let object = value as? [String: Any] {
            list = (object["components"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
                + (object["services"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        }
        return list.compactMap { tool in
            guard let name = tool["name"] as? String else { return nil }
            return [name, tool["version"] as? String].compactMap { $0 }.joined(separator: " ")
        }
    }

    /// Flattens nested `components` (iteratively bounded by depth and count).
    static func collect(_ list: [Any], depth: Int, into out: inout [SBOMComponent], builder: inout ComponentBuilder) throws(SBOMError) {
        guard depth < maximumDepth else {
            throw SBOMError(.tooLarge, "components nest deeper than \(maximumDepth) levels.")
        }
        for item in list {
            guard let entry = item as? [String: Any] else {
                builder.warn("sbom.invalid-component", "a components entry is \(JSONInput.typeName(item)), not an object; ignored.")
                continue
            }
            guard out.count < maximumComponents else {
                throw SBOMError(.tooLarge, "more than \(maximumComponents) components.")
            }
            out.append(component(entry, builder: &builder))
            if let nested = entry["components"] as? [Any] {
                try collect(nested, depth: depth + 1, into: &out, builder: &builder)
            }
        }
    }

    static func component(_ entry: [String: Any], builder: inout ComponentBuilder) -> SBOMComponent {
        let purlText = entry["purl"] as? String
        var name = entry["name"] as? String ?? ""
        let label = name.isEmpty ? (purlText ?? "(unnamed)") : name
        let purl = builder.purl(purlText, component: label)
        if name.isEmpty {
            builder.warn("sbom.missing-field", "a component has no \"name\"\(purl.map { "; using the purl's name '\($0.name)'" } ?? "").")
            name = purl?.name ?? ""
        }
        let version = entry["version"] as? String
        let type = entry["type"] as? String ?? "library"
        if entry["type"] == nil { builder.warn("sbom.missing-field", "component '\(label)' has no \"type\"; assumed library.") }
        var hashes: [SBOMHash] = []
        for case let hash as [String: Any] in entry["hashes"] as? [Any] ?? [] {
            if let alg = hash["alg"] as? String, let content = hash["content"] as? String,
               let parsed = builder.hash(algorithm: alg, value: content, component: label) {
                hashes.append(parsed)
            }
        }
        var licenses: [String] = []
        for case let choice as [String: Any] in entry["licenses"] as? [Any] ?? [] {
            if let expression = choice["expression"] as? String {
                licenses.append(expression)
            } else if let license = choice["license"] as? [String: Any] {
                if let id = license["id"] as? String {
                    licenses.append(id)
                } else if let licenseName = license["name"] as? String {
                    licenses.append(licenseName)
                }
            }
        }
        var scope: SBOMComponentScope?
        switch entry["scope"] as? String {
        case "required"?: scope = .required
        case "optional"?: scope = .optional
        case "excluded"?: scope = .development
        default: scope = nil
        }
        var properties: [SBOMProperty] = []
        for case let property as [String: Any] in entry["properties"] as? [Any] ?? [] {
            if let propertyName = property["name"] as? String {
                properties.append(SBOMProperty(name: propertyName, value: property["value"] as? String ?? ""))
            }
        }
        let ref = builder.reference(entry["bom-ref"] as? String, purl: purl, name: name, version: version)
        return SBOMComponent(bomRef: ref, type: type, name: name, group: entry["group"] as? String, version: version,
                             purl: purl, hashes: hashes, licenses: licenses, scope: scope, properties: properties)
    }
}
