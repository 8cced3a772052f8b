import TollgateModel

/// Provenance whose envelope verified but whose signers the policy does not trust for provenance:
/// what it claims is self-asserted. It never reaches `BuildFacts` or a rule; it is kept so the
/// inventory can record the claim as self-asserted (an incident about a builder still finds it).
public struct UntrustedProvenance: Sendable, Hashable {
    public let facts: ProvenanceFacts
    /// Who signed it (none of whom the policy trusts for provenance).
    public let signers: [Signer]
    public let source: String

    package init(facts: ProvenanceFacts, signers: [Signer], source: String) {
        self.facts = facts
        self.signers = signers
        self.source = source
    }
}
