import TollgateModel

/// SLSA provenance about the artifact, from a verified attestation by a trusted provenance signer.
/// Untrusted or unsigned provenance never becomes `ProvenanceEvidence`; it is a problem instead.
public struct ProvenanceEvidence: Sendable, Hashable {
    /// What the statement claims (before the certificate's facts overlay it; see `BuildFacts`).
    public let facts: ProvenanceFacts
    /// The trusted signature over the statement.
    public let signature: VerifiedSignature
    /// The statement's subject names whose digest is the artifact's (exceptions may match them).
    public let subjects: [String]
    /// Where it came from, for the evidence list.
    public let source: String
    /// The verified in-toto statement bytes, for the inventory to store by digest; nil when the
    /// evidence was built without them (tests, fixtures).
    public package(set) var statement: [UInt8]? = nil
    /// The versioned inputs the statement records (`internalParameters.recordedInputs`), if any.
    public package(set) var recordedInputs: RecordedInputs? = nil

    package init(facts: ProvenanceFacts, signature: VerifiedSignature, subjects: [String], source: String) {
        self.facts = facts
        self.signature = signature
        self.subjects = subjects
        self.source = source
    }

    public var signedBy: Signer { signature.signer }
}
