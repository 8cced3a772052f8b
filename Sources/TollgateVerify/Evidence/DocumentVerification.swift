import TollgateModel

/// The result of verifying one evidence document on its own (`EvidenceCollector.verify(document:as:artifact:)`):
/// what verified, and why anything did not. Whether a signer is *trusted* is not decided here; that
/// is the policy's question at decision time.
public struct DocumentVerification: Sendable, Hashable, Codable {
    /// A verified in-toto statement about the artifact.
    public struct Statement: Sendable, Hashable, Codable {
        public let predicateType: String
        public let signatures: [VerifiedSignature]
        /// What a SLSA provenance statement claims (signed by `signatures`, not yet trusted).
        public let provenance: ProvenanceFacts?
        /// What an SBOM statement describes.
        public let sbom: SBOMSummary?
    }

    public let kind: EvidenceDocumentKind
    /// Verified signatures over the artifact (raw signatures, message-signature bundles).
    public internal(set) var signatures: [VerifiedSignature] = []
    /// Verified attestations about the artifact.
    public internal(set) var statements: [Statement] = []
    /// A readable (unsigned) SBOM document.
    public internal(set) var sbom: SBOMSummary?
    /// Why the document, or part of it, did not verify.
    public internal(set) var problems: [EvidenceProblem] = []

    init(kind: EvidenceDocumentKind) {
        self.kind = kind
    }

    /// Verified: no problem, and something in it verified.
    public var isVerified: Bool {
        problems.isEmpty && (!signatures.isEmpty || !statements.isEmpty || sbom != nil)
    }
}
