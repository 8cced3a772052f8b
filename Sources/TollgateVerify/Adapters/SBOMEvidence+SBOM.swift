import TollgateModel
import TollgateSBOM

extension SBOMEvidence {
    /// Adapts a parsed SBOM (`TollgateSBOM.SBOMReader`). Several license entries on one component
    /// all apply, so they are joined with AND.
    init(sbom: SBOM, origin: FactOrigin, digest: Digest, source: String) {
        let format: String
        switch sbom.format {
        case .cycloneDXJSON?, .cycloneDXXML?: format = "CycloneDX \(sbom.specVersion ?? "")".trimmingCharacters(in: .whitespaces)
        case .spdxJSON?, .spdxTagValue?: format = "SPDX \(sbom.specVersion ?? "")".trimmingCharacters(in: .whitespaces)
        case nil: format = "SBOM"
        }
        let components = sbom.components.map { component in
            let licenses = component.licenses.filter { !$0.isEmpty }
            let license: String? = switch licenses.count {
            case 0: nil
            case 1: licenses[0]
            default: licenses.map { "(\($0))" }.joined(separator: " AND ")
            }
            let name = component.group.map { "\($0)/\(component.name)" } ?? component.name
            return ComponentEvidence(name: name, version: component.version, purl: component.purl?.description, license: license)
        }
        self.init(format: format, components: components, origin: origin, digest: digest, source: source)
    }
}
