/// Rules on the artifact itself: signatures, algorithms, provenance, SBOM, vulnerabilities, licenses.
public struct ArtifactRules: Sendable, Hashable {
    public var signature: SignatureRule?
    public var algorithms: AlgorithmRule?
    public var provenance: ProvenanceRule?
    public var sbom: SBOMRule?
    public var vulnerabilities: VulnerabilityRule?
    public var licenses: LicenseRule?
    /// `artifact.reproducible`: matching rebuilds from independent trusted rebuilders.
    public var reproducible: ReproducibleRule?

    public init(signature: SignatureRule? = nil, algorithms: AlgorithmRule? = nil, provenance: ProvenanceRule? = nil,
                sbom: SBOMRule? = nil, vulnerabilities: VulnerabilityRule? = nil, licenses: LicenseRule? = nil) {
        self.signature = signature
        self.algorithms = algorithms
        self.provenance = provenance
        self.sbom = sbom
        self.vulnerabilities = vulnerabilities
        self.licenses = licenses
    }
}
