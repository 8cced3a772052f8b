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
        // Components that share a license text share one parse (an SBOM has a handful of distinct licenses).
        var read: [String: ComponentEvidence.License] = [:]
        let components = sbom.components.map { component in
            let licenses = component.licenses.filter { !$0.isEmpty }
            let license: String? = switch licenses.count {
            case 0: nil
            case 1: licenses[0]
            default: licenses.map { "(\($0))" }.joined(separator: " AND ")
            }
            let name = component.group.map { "\($0)/\(component.name)" } ?? component.name
            let parsed: ComponentEvidence.License
            if let license, let known = read[license] {
                parsed = known
            } else {
                parsed = ComponentEvidence.License(license)
                if let license { read[license] = parsed }
            }
            return ComponentEvidence(name: name, version: component.version, purl: component.purl?.description, license: parsed)
        }
        self.init(format: format, components: components, origin: origin, digest: digest, source: source)
        subjectDigests = (sbom.subject?.hashes ?? []).compactMap { hash in
            DigestAlgorithm(name: hash.algorithm).flatMap { try? Digest(algorithm: $0, hex: hash.value) }
        }
    }
}
