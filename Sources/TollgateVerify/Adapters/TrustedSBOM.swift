import TollgateModel
import TollgateSBOM

/// The SBOM a trusted signer attested, as read, before its evidence form (`SBOMEvidence`) is built:
/// the gate scans it while that form is built on another core.
struct TrustedSBOM: Sendable {
    let sbom: SBOM
    let origin: FactOrigin
    let digest: Digest
    let source: String

    var evidence: SBOMEvidence { SBOMEvidence(sbom: sbom, origin: origin, digest: digest, source: source) }
}
