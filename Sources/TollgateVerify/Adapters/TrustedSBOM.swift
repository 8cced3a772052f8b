import TollgateModel
import TollgateSBOM

/// The SBOM a trusted signer attested, as read, before its evidence form (`SBOMEvidence`) is built:
/// the gate scans it while that form is built on another core.
struct TrustedSBOM: Sendable {
    let sbom: SBOM
    let origin: FactOrigin
    let digest: Digest
    /// The document the digest is of (the predicate as compact sorted-key JSON), for the inventory.
    let document: [UInt8]
    let source: String

    var evidence: SBOMEvidence {
        var evidence = SBOMEvidence(sbom: sbom, origin: origin, digest: digest, source: source)
        evidence.document = document
        return evidence
    }
}
