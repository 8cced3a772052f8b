/// `dev.sigstore.common.v1.MessageSignature`: a signature over the artifact bytes and the
/// artifact digest the signer claims.
public struct MessageSignature: Sendable, Equatable {
    /// "SHA2_256", "SHA2_384" or "SHA2_512"; `nil` when the bundle omits the digest.
    public let digestAlgorithm: String?
    public let digest: [UInt8]?
    public let signature: [UInt8]
}
