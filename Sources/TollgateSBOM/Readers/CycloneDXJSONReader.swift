import Foundation
import TollgateModel

/// CycloneDX JSON, spec versions 1.2–1.6 (https://cyclonedx.org/docs/1.6/json/).
enum CycloneDXJSONReader {
    static let maximumDepth = 64
    static let maximumComponents = 1_000_000

    static func read(_ object: [String: JSONValue], what: String) throws(SBOMError) -> SBOMReadResult {
        var builder = ComponentBuilder(file: what)
        let specVersion = object["specVersion"]?.stringValue
        if (object["bomFormat"]?.stringValue) != "CycloneDX" {
            builder.warn("sbom.missing-field", "\"bomFormat\": \"CycloneDX\" is missing; read as CycloneDX \(specVersion ?? "(no specVersion)").")
        }
        if specVersion == nil { builder.warn("sbom.missing-field", "\"specVersion\" is missing.") }
        if let specVersion, !["1.2", "1.3", "1.4", "1.5", "1.6", "1.7"].contains(specVersion) {
            builder.warn("sbom.unsupported-version", "CycloneDX specVersion \(specVersion) is not one of 1.2–1.6; read as best effort.")
        }
        var sbom = SBOM(format: .cycloneDXJSON, specVersion: specVersion)
        sbom.serialNumber = object["serialNumber"]?.stringValue
        let metadata = object["metadata"]?.objectValue ?? [:]
        if let timestamp = metadata["timestamp"]?.stringValue {
            sbom.created = ISO8601.parse(timestamp)
            if sbom.created == nil { builder.warn("sbom.invalid-timestamp", "metadata.timestamp '\(timestamp.prefix(60))' is not RFC 3339.") }
        }
        sbom.tools = tools(metadata["tools"])
        if let subject = metadata["component"]?.objectValue {
            var flat: [SBOMComponent] = []
            try collect([.object(subject)], depth: 0, into: &flat, builder: &builder)
            sbom.subject = flat.first
            // Components nested under the subject are part of the inventory.
            sbom.components.append(contentsOf: flat.dropFirst())
        }
        if let components = object["components"] {
            guard let list = components.arrayValue else {
                throw SBOMError(.invalidDocument, "\(what): \"components\" must be an array; found \(JSONInput.typeName(components)).")
            }
            try collect(list, depth: 0, into: &sbom.components, builder: &builder)
        }
        for case .object(let entry) in object["dependencies"]?.arrayValue ?? [] {
            guard let ref = entry["ref"]?.stringValue else {
                builder.warn("sbom.missing-field", "a dependencies entry has no \"ref\"; ignored.")
                continue
            }
            let dependsOn = (entry["dependsOn"]?.arrayValue ?? []).compactMap(\.stringValue)
            sbom.dependencies.append(SBOMDependency(ref: ref, dependsOn: dependsOn))
        }
        return SBOMReadResult(sbom: sbom, warnings: builder.warnings)
    }

    static func tools(_ value: JSONValue?) -> [String] {
        var list: [[String: JSONValue]] = []
        if let array = value?.arrayValue {
            list = array.compactMap(\.objectValue)
        } else if let object = value?.objectValue {
            list = (object["components"]?.arrayValue ?? []).compactMap(\.objectValue)
                + (object["services"]?.arrayValue ?? []).compactMap(\.objectValue)
        }
        return list.compactMap { tool in
            guard let name = tool["name"]?.stringValue else { return nil }
            return [name, tool["version"]?.stringValue].compactMap { $0 }.joined(separator: " ")
        }
    }

    /// Flattens nested `components` (iteratively bounded by depth and count).
    static func collect(_ list: [JSONValue], depth: Int, into out: inout [SBOMComponent], builder: inout ComponentBuilder) throws(SBOMError) {
        guard depth < maximumDepth else {
            throw SBOMError(.tooLarge, "components nest deeper than \(maximumDepth) levels.")
        }
        for item in list {
            guard let entry = item.objectValue else {
                builder.warn("sbom.invalid-component", "a components entry is \(JSONInput.typeName(item)), not an object; ignored.")
                continue
            }
            guard out.count < maximumComponents else {
                throw SBOMError(.tooLarge, "more than \(maximumComponents) components.")
            }
            out.append(component(entry, builder: &builder))
            if let nested = entry["components"]?.arrayValue {
                try collect(nested, depth: depth + 1, into: &out, builder: &builder)
            }
        }
    }

    static func component(_ entry: [String: JSONValue], builder: inout ComponentBuilder) -> SBOMComponent {
        let purlText = entry["purl"]?.stringValue
        var name = entry["name"]?.stringValue ?? ""
        let label = name.isEmpty ? (purlText ?? "(unnamed)") : name
        let purl = builder.purl(purlText, component: label)
        if name.isEmpty {
            builder.warn("sbom.missing-field", "a component has no \"name\"\(purl.map { "; using the purl's name '\($0.name)'" } ?? "").")
            name = purl?.name ?? ""
        }
        let version = entry["version"]?.stringValue
        let type = entry["type"]?.stringValue ?? "library"
        if entry["type"] == nil { builder.warn("sbom.missing-field", "component '\(label)' has no \"type\"; assumed library.") }
        var hashes: [SBOMHash] = []
        for case .object(let hash) in entry["hashes"]?.arrayValue ?? [] {
            if let alg = hash["alg"]?.stringValue, let content = hash["content"]?.stringValue,
               let parsed = builder.hash(algorithm: alg, value: content, component: label) {
                hashes.append(parsed)
            }
        }
        var licenses: [String] = []
        for case .object(let choice) in entry["licenses"]?.arrayValue ?? [] {
            if let expression = choice["expression"]?.stringValue {
                licenses.append(expression)
            } else if let license = choice["license"]?.objectValue {
                if let id = license["id"]?.stringValue {
                    licenses.append(id)
                } else if let licenseName = license["name"]?.stringValue {
                    licenses.append(licenseName)
                }
            }
        }
        var scope: SBOMComponentScope?
        switch entry["scope"]?.stringValue {
        case "required"?: scope = .required
        case "optional"?: scope = .optional
        case "excluded"?: scope = .development
        default: scope = nil
        }
        var properties: [SBOMProperty] = []
        for case .object(let property) in entry["properties"]?.arrayValue ?? [] {
            if let propertyName = property["name"]?.stringValue {
                properties.append(SBOMProperty(name: propertyName, value: property["value"]?.stringValue ?? ""))
            }
        }
        let ref = builder.reference(entry["bom-ref"]?.stringValue, purl: purl, name: name, version: version)
        return SBOMComponent(bomRef: ref, type: type, name: name, group: entry["group"]?.stringValue, version: version,
                             purl: purl, hashes: hashes, licenses: licenses, scope: scope, properties: properties)
    }
}
