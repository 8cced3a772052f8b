import Foundation
import TollgateModel

/// SPDX 2.2/2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/). Packages become components (the
/// purl from an `externalRefs` entry of type `purl`); `DEPENDS_ON`, `DEPENDENCY_OF` and the
/// `*_DEPENDENCY_OF` relationships become dependency edges; the `DESCRIBES` target is the subject
/// (and stays a component, since SPDX lists it among the packages).
enum SPDXJSONReader {
    static let maximumPackages = 1_000_000

    static func read(_ object: [String: Any], what: String) throws(SBOMError) -> SBOMReadResult {
        var builder = ComponentBuilder(file: what)
        let version = object["spdxVersion"] as? String
        if version == nil { builder.warn("sbom.missing-field", "\"spdxVersion\" is missing.") }
        if let version, !version.hasPrefix("SPDX-2.") {
            builder.warn("sbom.unsupported-version", "\(version) is not SPDX 2.x; read as best effort.")
        }
        var sbom = SBOM(format: .spdxJSON, specVersion: version)
        sbom.serialNumber = object["documentNamespace"] as? String
        let creation = object["creationInfo"] as? [String: Any] ?? [:]
        if let created = creation["created"] as? String { sbom.created = ISO8601.parse(created) }
        sbom.tools = (creation["creators"] as? [Any] ?? []).compactMap { $0 as? String }
            .filter { $0.hasPrefix("Tool:") }.map { $0.dropFirst(5).trimmingCharacters(in: .whitespaces) }
        let packagesValue = object["packages"] ?? []
        guard let packages = packagesValue as? [Any] else {
            throw SBOMError(.invalidDocument, "\(what): \"packages\" must be an array; found \(JSONInput.typeName(packagesValue)).")
        }
        guard packages.count <= maximumPackages else {
            throw SBOMError(.tooLarge, "\(what) has more than \(maximumPackages) packages.")
        }
        var idToRef: [String: String] = [:]
        for item in packages {
            guard let entry = item as? [String: Any] else {
                builder.warn("sbom.invalid-component", "a packages entry is not an object; ignored.")
                continue
            }
            let component = component(entry, builder: &builder)
            if let id = entry["SPDXID"] as? String { idToRef[id] = component.bomRef }
            sbom.components.append(component)
        }
        var edges: [String: [String]] = [:]
        var described: [String] = (object["documentDescribes"] as? [Any] ?? []).compactMap { $0 as? String }
        for case let relationship as [String: Any] in object["relationships"] as? [Any] ?? [] {
            guard let from = relationship["spdxElementId"] as? String,
                  let type = relationship["relationshipType"] as? String,
                  let to = relationship["relatedSpdxElement"] as? String else { continue }
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

    static func component(_ entry: [String: Any], builder: inout ComponentBuilder) -> SBOMComponent {
        var name = entry["name"] as? String ?? ""
        let id = entry["SPDXID"] as? String
        if id == nil { builder.warn("sbom.missing-field", "package '\(name)' has no SPDXID.") }
        var purls: [PackageURL] = []
        for case let ref as [String: Any] in entry["externalRefs"] as? [Any] ?? [] {
            guard (ref["referenceType"] as? String) == "purl", let locator = ref["referenceLocator"] as? String else { continue }
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
        var version = entry["versionInfo"] as? String
        if version == "NOASSERTION" || version?.isEmpty == true { version = nil }
        var hashes: [SBOMHash] = []
        for case let checksum as [String: Any] in entry["checksums"] as? [Any] ?? [] {
            if let algorithm = checksum["algorithm"] as? String, let value = checksum["checksumValue"] as? String,
               let hash = builder.hash(algorithm: algorithm, value: value, component: name) {
                hashes.append(hash)
            }
        }
        var licenses: [String] = []
        for field in ["licenseConcluded", "licenseDeclared"] {
            if let license = entry[field] as? String, license != "NOASSERTION", license != "NONE", !licenses.contains(license) {
                licenses.append(license)
            }
        }
        let type: String
        switch entry["primaryPackagePurpose"] as? String {
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
