import Foundation
import TollgateModel

/// SPDX 2.2/2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/). Packages become components (the
/// purl from an `externalRefs` entry of type `purl`); `DEPENDS_ON`, `DEPENDENCY_OF` and the
/// `*_DEPENDENCY_OF` relationships become dependency edges; the `DESCRIBES` target is the subject
/// (and stays a component, since SPDX lists it among the packages).
enum SPDXJSONReader {
    static let maximumPackages = 1_000_000

    static func read(_ object: [String: JSONValue], what: String) throws(SBOMError) -> SBOMReadResult {
        var builder = ComponentBuilder(file: what)
        let version = object["spdxVersion"]?.stringValue
        if version == nil { builder.warn("sbom.missing-field", "\"spdxVersion\" is missing.") }
        if let version, !version.hasPrefix("SPDX-2.") {
            builder.warn("sbom.unsupported-version", "\(version) is not SPDX 2.x; read as best effort.")
        }
        var sbom = SBOM(format: .spdxJSON, specVersion: version)
        sbom.serialNumber = object["documentNamespace"]?.stringValue
        let creation = object["creationInfo"]?.objectValue ?? [:]
        if let created = creation["created"]?.stringValue { sbom.created = ISO8601.parse(created) }
        sbom.tools = (creation["creators"]?.arrayValue ?? []).compactMap(\.stringValue)
            .filter { $0.hasPrefix("Tool:") }.map { $0.dropFirst(5).trimmingCharacters(in: .whitespaces) }
        let packagesValue = object["packages"] ?? []
        guard let packages = packagesValue.arrayValue else {
            throw SBOMError(.invalidDocument, "\(what): \"packages\" must be an array; found \(JSONInput.typeName(packagesValue)).")
        }
        guard packages.count <= maximumPackages else {
            throw SBOMError(.tooLarge, "\(what) has more than \(maximumPackages) packages.")
        }
        var idToRef: [String: String] = [:]
        for item in packages {
            guard let entry = item.objectValue else {
                builder.warn("sbom.invalid-component", "a packages entry is not an object; ignored.")
                continue
            }
            let component = component(entry, builder: &builder)
            if let id = entry["SPDXID"]?.stringValue { idToRef[id] = component.bomRef }
            sbom.components.append(component)
        }
        var edges: [String: [String]] = [:]
        var described: [String] = (object["documentDescribes"]?.arrayValue ?? []).compactMap(\.stringValue)
        for case .object(let relationship) in object["relationships"]?.arrayValue ?? [] {
            guard let from = relationship["spdxElementId"]?.stringValue,
                  let type = relationship["relationshipType"]?.stringValue,
                  let to = relationship["relatedSpdxElement"]?.stringValue else { continue }
            switch type {
            case "DESCRIBES":
                described.append(to)
            case "DESCRIBED_BY":
                described.append(from)
            case "DEPENDS_ON":
                if let a = idToRef[from], let b = idToRef[to] { edges[a, default: []].append(b) }
            case "DEPENDENCY_OF", "DEV_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF", "BUILD_DEPENDENCY_OF",
                 "RUNTIME_DEPENDENCY_OF", "TEST_DEPENDENCY_OF", "PROVIDED_DEPENDENCY_OF":
                if let a = idToRef[to], let b = idToRef[from] { edges[a, default: []].append(b) }
            default:
                break
            }
        }
        sbom.dependencies = edges.keys.sorted().map { SBOMDependency(ref: $0, dependsOn: edges[$0] ?? []) }
        if let subjectID = described.first(where: { idToRef[$0] != nil }), let ref = idToRef[subjectID] {
            sbom.subject = sbom.components.first { $0.bomRef == ref }
        }
        return SBOMReadResult(sbom: sbom, warnings: builder.warnings)
    }

    static func component(_ entry: [String: JSONValue], builder: inout ComponentBuilder) -> SBOMComponent {
        var name = entry["name"]?.stringValue ?? ""
        let id = entry["SPDXID"]?.stringValue
        if id == nil { builder.warn("sbom.missing-field", "package '\(name)' has no SPDXID.") }
        var purls: [PackageURL] = []
        for case .object(let ref) in entry["externalRefs"]?.arrayValue ?? [] {
            guard (ref["referenceType"]?.stringValue) == "purl", let locator = ref["referenceLocator"]?.stringValue else { continue }
            if let purl = builder.purl(locator, component: name.isEmpty ? locator : name) { purls.append(purl) }
        }
        if purls.count > 1 {
            builder.warn("sbom.multiple-purls", "package '\(name)' has \(purls.count) purls; the first is used.")
        }
        let purl = purls.first
        if name.isEmpty {
            builder.warn("sbom.missing-field", "a package has no \"name\".")
            name = purl?.name ?? ""
        }
        var version = entry["versionInfo"]?.stringValue
        if version == "NOASSERTION" || version?.isEmpty == true { version = nil }
        var hashes: [SBOMHash] = []
        for case .object(let checksum) in entry["checksums"]?.arrayValue ?? [] {
            if let algorithm = checksum["algorithm"]?.stringValue, let value = checksum["checksumValue"]?.stringValue,
               let hash = builder.hash(algorithm: algorithm, value: value, component: name) {
                hashes.append(hash)
            }
        }
        var licenses: [String] = []
        for field in ["licenseConcluded", "licenseDeclared"] {
            if let license = entry[field]?.stringValue, license != "NOASSERTION", license != "NONE", !licenses.contains(license) {
                licenses.append(license)
            }
        }
        let type: String
        switch entry["primaryPackagePurpose"]?.stringValue {
        case "APPLICATION"?: type = "application"
        case "FRAMEWORK"?: type = "framework"
        case "OPERATING-SYSTEM"?, "OPERATING_SYSTEM"?: type = "operating-system"
        case "CONTAINER"?: type = "container"
        case "FILE"?: type = "file"
        case "DEVICE"?: type = "device"
        case "FIRMWARE"?: type = "firmware"
        default: type = "library"
        }
        let ref = builder.reference(id, purl: purl, name: name, version: version)
        return SBOMComponent(bomRef: ref, type: type, name: name, version: version, purl: purl, hashes: hashes, licenses: licenses)
    }
}
