/// A verified signature over an artifact or a statement about it, and whether the policy trusted its
/// signer for that evidence when it was recorded. Part of an `artifact.registered` payload.
public struct RecordedSignature: Sendable, Hashable, Codable {
    /// What it covers: `artifact`, `provenance`, `sbom`, `vulnerability-scan`, `vex`, or the predicate type.
    public var evidence: String
    /// A certificate subject, or `key:ID`.
    public var signer: String
    public var issuer: String?
    public var trusted: Bool

    public init(evidence: String, signer: String, issuer: String? = nil, trusted: Bool) {
        self.evidence = evidence
        self.signer = signer
        self.issuer = issuer
        self.trusted = trusted
    }
}
