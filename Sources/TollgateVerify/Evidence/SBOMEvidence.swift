/// The artifact's SBOM, reduced to what the rules need.
public struct SBOMEvidence: Sendable, Hashable {
    /// `CycloneDX 1.5`, `SPDX 2.3`, …
    public var format: String
    public var components: [ComponentEvidence]
    /// True when the SBOM came inside a verified attestation.
    public var attested: Bool
    public var source: String

    public init(format: String, components: [ComponentEvidence], attested: Bool, source: String) {
        self.format = format
        self.components = components
        self.attested = attested
        self.source = source
    }
}
