/// A document read by `SBOMReader`, with the warnings found while reading it.
public struct SBOMReadResult: Sendable, Hashable {
    public var sbom: SBOM
    public var warnings: [SBOMWarning]

    public init(sbom: SBOM, warnings: [SBOMWarning]) {
        self.sbom = sbom
        self.warnings = warnings
    }
}
