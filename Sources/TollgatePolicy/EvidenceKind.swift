/// The kinds of evidence the gate weighs, each with its own trusted signers.
public enum EvidenceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A signature over the artifact itself (`artifact.signature`).
    case artifactSignature = "artifact signature"
    /// SLSA provenance (`artifact.provenance.signers`).
    case provenance
    /// An attested SBOM (`artifact.sbom.signers`).
    case sbom = "SBOM"
    /// A signed vulnerability scan attestation (`artifact.vulnerabilities.scanners`).
    case vulnerabilityScan = "vulnerability scan"
    /// A signed VEX document (`artifact.vulnerabilities.vexAuthors`).
    case vex = "VEX"
    /// A signed source-audit attestation about the provenance's source commit (`source.auditors`).
    case sourceAudit = "source audit"
    /// A signed rebuild attestation (`artifact.reproducible.rebuilders`).
    case rebuild

    /// Who signs this kind of evidence, in messages ("not a trusted provenance signer", "not a trusted auditor").
    public var signerName: String { self == .sourceAudit ? "auditor" : "\(rawValue) signer" }

    /// The policy key that names this kind's signers.
    public var policyPath: String {
        switch self {
        case .artifactSignature: "artifact.signature"
        case .provenance: "artifact.provenance.signers"
        case .sbom: "artifact.sbom.signers"
        case .vulnerabilityScan: "artifact.vulnerabilities.scanners"
        case .vex: "artifact.vulnerabilities.vexAuthors"
        case .sourceAudit: "source.auditors"
        case .rebuild: "artifact.reproducible.rebuilders"
        }
    }
}
