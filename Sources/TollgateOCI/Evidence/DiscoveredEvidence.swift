import TollgateModel

/// What a registry holds about one digest, found by ``EvidenceDiscovery``: nothing here is
/// verified yet. The collector verifies each piece and weighs its signer against the policy.
public struct DiscoveredEvidence: Sendable {
    /// The digest the evidence was looked up for.
    public var digest: Digest
    /// cosign simple-signing signatures (`.sig` tag layers and referrer signatures).
    public var signatures: [CosignSignature] = []
    /// DSSE envelopes signed with a key (`.att` tag layers, DSSE referrers).
    public var attestations: [EvidenceFile] = []
    /// Sigstore bundles: referrer artifacts, and keyless `.att` layers as their v0.1 bundle equivalent.
    public var bundles: [EvidenceFile] = []
    /// SBOMs attached unsigned (`.sbom` tags, SBOM referrers): shown, never used.
    public var sboms: [EvidenceFile] = []
    /// Evidence that was there but could not be read (tampered, malformed), with why.
    public var problems: [Problem] = []
    /// Each lookup and what it found, in order, for the report.
    public var lookups: [String] = []

    public init(digest: Digest) {
        self.digest = digest
    }

    /// Evidence present in the registry that could not be read.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var source: String
        public var message: String

        public var description: String { "\(source): \(message)" }
    }

    /// True when nothing at all was found.
    public var isEmpty: Bool { signatures.isEmpty && attestations.isEmpty && bundles.isEmpty && sboms.isEmpty }
}
