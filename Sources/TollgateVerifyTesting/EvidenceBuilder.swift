import Foundation
import TollgateModel
import TollgatePolicy
import TollgateVerify

/// Builders of checked evidence types for tests of the rules alone.
///
/// `Evidence`, `VerifiedSignature`, `ProvenanceEvidence` and `SBOMEvidence` have no public
/// initialisers: only `EvidenceCollector` makes them from verified files. Rule tests that need a
/// precise shape get them here; gate tests about trust go through the collector on real signed files.
public enum EvidenceBuilder {
    public static func signature(_ signer: Signer, algorithm: String = "ecdsa-p256", keyBits: Int? = nil,
                                 source: String = "signature", signedAt: Date? = nil,
                                 certificate: FulcioCertificateFacts? = nil) -> VerifiedSignature {
        VerifiedSignature(signer: signer, algorithm: algorithm, keyBits: keyBits, source: source, signedAt: signedAt,
                          certificate: certificate)
    }

    public static func provenance(_ facts: ProvenanceFacts, signedBy signature: VerifiedSignature, subjects: [String] = [],
                                  source: String = "provenance.intoto.jsonl") -> ProvenanceEvidence {
        ProvenanceEvidence(facts: facts, signature: signature, subjects: subjects, source: source)
    }

    public static func sbom(_ components: [ComponentEvidence], signedBy signer: Signer, format: String = "CycloneDX 1.5",
                            source: String = "app.cdx.json") -> SBOMEvidence {
        SBOMEvidence(format: format, components: components, origin: .signedStatement(signer),
                     digest: DigestAlgorithm.sha256.hash(Array(source.utf8)), source: source)
    }

    public static func vulnerability(id: String, aliases: [String] = [], purl: String, severity: Severity?,
                                     fixedVersions: [String] = [], suppressedByVEX: Bool = false,
                                     vexStatement: String? = nil) -> VulnerabilityEvidence {
        VulnerabilityEvidence(id: id, aliases: aliases, purl: purl, severity: severity, fixedVersions: fixedVersions,
                              suppressedByVEX: suppressedByVEX, vexStatement: vexStatement)
    }

    /// The gate's own scan, against a database imported at `databaseImportedAt` (default `scannedAt`).
    public static func scan(_ findings: [VulnerabilityEvidence], scannedAt: Date, databaseImportedAt: Date? = nil,
                            source: String = "scan") -> ScanEvidence {
        ScanEvidence(scannedAt: scannedAt, findings: findings, origin: .gate,
                     database: AdvisoryDatabaseState(revision: 1, importedAt: databaseImportedAt ?? scannedAt, advisories: 1),
                     source: source)
    }

    /// Evidence with the given parts. Build facts are derived from the provenance (its claims,
    /// overlaid by the signer's certificate) exactly as the collector derives them.
    public static func evidence(artifact: ArtifactSubject, signatures: [VerifiedSignature] = [],
                                provenance: ProvenanceEvidence? = nil, sbom: SBOMEvidence? = nil, scan: ScanEvidence? = nil,
                                history: HistoryEvidence? = nil, problems: [EvidenceProblem] = []) -> Evidence {
        var evidence = Evidence(artifact: artifact)
        evidence.signatures = signatures
        evidence.provenance = provenance
        if let provenance {
            var build = BuildFacts(source: provenance.source)
            build.claim(provenance.facts, by: .signedStatement(provenance.signedBy))
            if let certificate = provenance.signature.certificate, case .identity(let issuer, let subject) = provenance.signedBy {
                build.certify(certificate, issuer: issuer, subject: subject)
            }
            evidence.build = build
        }
        evidence.sbom = sbom
        evidence.scan = scan
        evidence.history = history
        evidence.problems = problems
        return evidence
    }

    public static func problem(_ code: EvidenceProblem.Code, _ source: String, _ message: String,
                               kind: EvidenceKind? = nil) -> EvidenceProblem {
        EvidenceProblem(code, source, message, kind: kind)
    }
}
