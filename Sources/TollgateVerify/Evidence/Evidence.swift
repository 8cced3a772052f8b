import Foundation
import TollgateModel

/// Everything the gate knows about one artifact, already verified: the inputs to `Gate.evaluate`.
///
/// Every field holds verified facts only. Signatures that failed verification are not in
/// `signatures`; they are listed in `problems`, so a denial can say why the evidence did not count.
/// Adapters in `Adapters/` build it from the sibling modules' verified outputs.
public struct Evidence: Sendable {
    public var artifact: ArtifactSubject
    /// Verified signatures over the artifact (plain key signatures, Sigstore bundles, DSSE).
    public var signatures: [VerifiedSignature]
    /// Verified in-toto attestations whose subject is the artifact.
    public var attestations: [VerifiedAttestation]
    /// SLSA provenance facts, when provenance was supplied.
    public var provenance: ProvenanceEvidence?
    /// SBOM components, when an SBOM was supplied.
    public var sbom: SBOMEvidence?
    /// Vulnerability scan results, when a scan was supplied.
    public var scan: ScanEvidence?
    /// History from the inventory / ledger (previous versions, first-seen times); `nil` when no
    /// inventory was available, which makes the continuity rule unable to run.
    public var history: HistoryEvidence?
    /// Evidence that was supplied but could not be used, with why (e.g. "bundle a.json: signature invalid").
    public var problems: [String]

    public init(artifact: ArtifactSubject, signatures: [VerifiedSignature] = [], attestations: [VerifiedAttestation] = [],
                provenance: ProvenanceEvidence? = nil, sbom: SBOMEvidence? = nil, scan: ScanEvidence? = nil,
                history: HistoryEvidence? = nil, problems: [String] = []) {
        self.artifact = artifact
        self.signatures = signatures
        self.attestations = attestations
        self.provenance = provenance
        self.sbom = sbom
        self.scan = scan
        self.history = history
        self.problems = problems
    }
}
