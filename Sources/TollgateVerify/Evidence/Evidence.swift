import Foundation
import TollgateModel

/// Everything the gate knows about one artifact, already verified and weighed for trust: the
/// inputs to `Gate.evaluate`. Only `EvidenceCollector` builds it (tests use `TollgateVerifyTesting`).
///
/// Every field holds facts someone the policy trusts vouches for. Evidence that failed
/// verification, came from an untrusted signer, contradicted its certificate or was self-asserted
/// is not in these fields; it is listed in `problems`, so a denial can say why it did not count.
public struct Evidence: Sendable {
    public let artifact: ArtifactSubject
    /// Verified signatures over the artifact (plain key signatures, Sigstore bundles); the
    /// signature rule decides whose count.
    public package(set) var signatures: [VerifiedSignature]
    /// Verified in-toto attestations whose subject is the artifact, trusted or not.
    public package(set) var attestations: [VerifiedAttestation]
    /// SLSA provenance from a trusted provenance signer.
    public package(set) var provenance: ProvenanceEvidence?
    /// Build and source facts, each with who vouches for it (provenance and certificates).
    public package(set) var build: BuildFacts?
    /// The SBOM from a trusted SBOM signer.
    public package(set) var sbom: SBOMEvidence?
    /// Vulnerability findings from the gate's own scan or a trusted scanner's attestation.
    public package(set) var scan: ScanEvidence?
    /// History from the inventory / ledger (previous versions, first-seen times); `nil` when no
    /// inventory was available, which makes the continuity rule unable to run.
    public package(set) var history: HistoryEvidence?
    /// Evidence that was supplied but not used, with why.
    public package(set) var problems: [EvidenceProblem]
    /// Verified provenance from signers the policy does not trust: self-asserted claims, recorded in
    /// the inventory as such and never used by a rule.
    public package(set) var untrustedProvenance: [UntrustedProvenance] = []
    /// Source-audit attestations from trusted auditors (`source.auditors`), whatever commit they are about:
    /// the audit rules pick the one for the provenance's source commit.
    public package(set) var sourceAudits: [SourceAuditEvidence] = []
    /// What the install boundary established about a package file; `nil` outside `tollgate pip`/`npm`.
    public package(set) var install: InstallFacts?
    /// Rebuild attestations from trusted rebuilders, matching or not (`artifact.reproducible`).
    public package(set) var rebuilds: [RebuildEvidence] = []
    /// The packages the gate itself read inside the artifact (`artifact.sbom.matchesArtifact`);
    /// nil when the policy does not ask for them.
    public package(set) var contents: ArtifactContents?

    /// The artifact as the inventory knows it across versions: its name and purl from the trusted
    /// provenance's subjects (a purl-shaped subject is the purl, another the name) when there is
    /// provenance, so renaming a file or passing another `--purl` cannot detach it from its history;
    /// the file name and `--purl` only without provenance.
    public var packageIdentity: ArtifactSubject {
        guard let subjects = provenance?.subjects, !subjects.isEmpty else { return artifact }
        let purl = subjects.first { $0.hasPrefix("pkg:") }
        let name = subjects.first { !$0.hasPrefix("pkg:") } ?? artifact.name
        return ArtifactSubject(digest: artifact.digest, name: name, purl: purl, reference: artifact.reference)
    }

    package init(artifact: ArtifactSubject) {
        self.artifact = artifact
        signatures = []
        attestations = []
        problems = []
    }
}
