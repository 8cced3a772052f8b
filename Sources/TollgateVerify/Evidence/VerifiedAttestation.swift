/// An in-toto attestation about the artifact whose envelope signature has been verified.
public struct VerifiedAttestation: Sendable, Hashable, Codable {
    public let predicateType: String
    public let signature: VerifiedSignature
    /// Whether the policy trusts its signer for this kind of attestation.
    public let trusted: Bool

    package init(predicateType: String, signature: VerifiedSignature, trusted: Bool) {
        self.predicateType = predicateType
        self.signature = signature
        self.trusted = trusted
    }
}
