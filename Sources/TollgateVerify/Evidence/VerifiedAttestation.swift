/// An in-toto attestation about the artifact whose envelope signature has been verified.
public struct VerifiedAttestation: Sendable, Hashable, Codable {
    public var predicateType: String
    public var signature: VerifiedSignature

    public init(predicateType: String, signature: VerifiedSignature) {
        self.predicateType = predicateType
        self.signature = signature
    }
}
