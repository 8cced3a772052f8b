/// A serialisation of an SBOM.
public enum SBOMFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// CycloneDX JSON (https://cyclonedx.org/docs/1.6/json/).
    case cycloneDXJSON = "cyclonedx-json"
    /// CycloneDX XML (https://cyclonedx.org/docs/1.6/xml/).
    case cycloneDXXML = "cyclonedx-xml"
    /// SPDX 2.x JSON (https://spdx.github.io/spdx-spec/v2.3/).
    case spdxJSON = "spdx-json"
    /// SPDX 2.x tag-value.
    case spdxTagValue = "spdx-tag-value"
}
