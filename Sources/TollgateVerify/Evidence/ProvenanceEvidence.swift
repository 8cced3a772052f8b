import TollgateModel

/// SLSA provenance about the artifact.
public struct ProvenanceEvidence: Sendable, Hashable, Codable {
    public var facts: ProvenanceFacts
    /// Who signed the provenance attestation; `nil` when it was supplied unsigned.
    public var signedBy: Signer?
    /// Where it came from, for the evidence list.
    public var source: String

    public init(facts: ProvenanceFacts, signedBy: Signer?, source: String) {
        self.facts = facts
        self.signedBy = signedBy
        self.source = source
    }
}
