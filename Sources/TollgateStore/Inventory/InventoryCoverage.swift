/// How complete the inventory's data is: every incident answer states it, so "no affected
/// artifacts" is never claimed without the data to say so.
public struct InventoryCoverage: Sendable, Hashable, Codable {
    public var artifacts: Int
    /// Artifacts with no SBOM: their components are unknown.
    public var artifactsWithoutSBOM: Int
    /// Artifacts with no provenance fact from a trusted source.
    public var artifactsWithoutTrustedProvenance: Int
    public var deployments: Int
    /// Deployments recorded with a tag only.
    public var deploymentsWithoutDigest: Int
    /// Running deployments whose digest is not a known artifact.
    public var deploymentsOfUnknownArtifacts: Int
    public var componentRows: Int

    public init(artifacts: Int, artifactsWithoutSBOM: Int, artifactsWithoutTrustedProvenance: Int, deployments: Int,
                deploymentsWithoutDigest: Int, deploymentsOfUnknownArtifacts: Int, componentRows: Int) {
        self.artifacts = artifacts
        self.artifactsWithoutSBOM = artifactsWithoutSBOM
        self.artifactsWithoutTrustedProvenance = artifactsWithoutTrustedProvenance
        self.deployments = deployments
        self.deploymentsWithoutDigest = deploymentsWithoutDigest
        self.deploymentsOfUnknownArtifacts = deploymentsOfUnknownArtifacts
        self.componentRows = componentRows
    }
}
