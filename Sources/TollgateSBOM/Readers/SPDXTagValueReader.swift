import Foundation
import TollgateModel

/// SPDX 2.x tag-value (https://spdx.github.io/spdx-spec/v2.3/conformance/): `PackageName`,
/// `SPDXID`, `PackageVersion`, `PackageChecksum`, `ExternalRef: PACKAGE-MANAGER purl ...`,
/// `PackageLicenseConcluded/Declared` and `Relationship` lines. Multi-line `<text>` values are skipped.
enum SPDXTagValueReader {
    static func read(_ text: String, what: String) throws(SBOMError) -> SBOMReadResult {
        var builder = ComponentBuilder(file: what)
        var sbom = SBOM(format: .spdxTagValue)
        var packages: [[(String, String)]] = []
        var relationships: [(String, String, String)] = []
        var inText = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if inText {
                if line.contains("</text>") { inText = false }
                continue
            }
            guard !line.isEmpty, !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
            let tag = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("<text>") && !value.contains("</text>") { inText = true }
            switch tag {
            case "SPDXVersion": sbom.specVersion = value
            case "DocumentNamespace": sbom.serialNumber = value
            case "Created": sbom.created = ISO8601.parse(value)
            case "Creator" where value.hasPrefix("Tool:"): sbom.tools.append(value.dropFirst(5).trimmingCharacters(in: .whitespaces))
            case "PackageName": packages.append([(tag, value)])
            case "FileName", "SnippetSPDXID": packages.append([])
            case "Relationship":
                let parts = value.split(separator: " ").map(String.init)
                if parts.count >= 3 { relationships.append((parts[0], parts[1], parts[2])) }
            default:
                if !packages.isEmpty, !(packages[packages.count - 1].isEmpty) { packages[packages.count - 1].append((tag, value)) }
            }
        }
        var idToRef: [String: String] = [:]
        for fields in packages where !fields.isEmpty {
            var object: [String: JSONValue] = [:]
            var checksums: [JSONValue] = []
            var refs: [JSONValue] = []
            for (tag, value) in fields {
                switch tag {
                case "PackageName": object["name"] = .string(value)
                case "SPDXID": object["SPDXID"] = .string(value)
                case "PackageVersion": object["versionInfo"] = .string(value)
                case "PackageLicenseConcluded": object["licenseConcluded"] = .string(value)
                case "PackageLicenseDeclared": object["licenseDeclared"] = .string(value)
                case "PrimaryPackagePurpose": object["primaryPackagePurpose"] = .string(value)
                case "PackageChecksum":
                    let parts = value.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if parts.count == 2 { checksums.append(["algorithm": .string(parts[0]), "checksumValue": .string(parts[1])]) }
                case "ExternalRef":
                    let parts = value.split(separator: " ").map(String.init)
                    if parts.count >= 3 { refs.append(["referenceCategory": .string(parts[0]), "referenceType": .string(parts[1]), "referenceLocator": .string(parts[2])]) }
                default: break
                }
            }
            object["checksums"] = .array(checksums)
            object["externalRefs"] = .array(refs)
            let component = SPDXJSONReader.component(object, builder: &builder)
            if let id = object["SPDXID"]?.stringValue { idToRef[id] = component.bomRef }
            sbom.components.append(component)
        }
        var edges: [String: [String]] = [:]
        for (from, type, to) in relationships {
            if type == "DESCRIBES", let ref = idToRef[to], sbom.subject == nil {
                sbom.subject = sbom.components.first { $0.bomRef == ref }
            } else if type == "DEPENDS_ON", let a = idToRef[from], let b = idToRef[to] {
                edges[a, default: []].append(b)
            } else if type.hasSuffix("DEPENDENCY_OF"), let a = idToRef[to], let b = idToRef[from] {
                edges[a, default: []].append(b)
            }
        }
        sbom.dependencies = edges.keys.sorted().map { SBOMDependency(ref: $0, dependsOn: edges[$0] ?? []) }
        if sbom.specVersion == nil { throw SBOMError(.invalidDocument, "\(what) has no SPDXVersion line.") }
        return SBOMReadResult(sbom: sbom, warnings: builder.warnings)
    }
}
