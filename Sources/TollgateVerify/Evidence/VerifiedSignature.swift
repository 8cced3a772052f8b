import Foundation

/// A signature over the artifact that has already been verified cryptographically.
public struct VerifiedSignature: Sendable, Hashable, Codable {
    public var signer: Signer
    /// The signature algorithm, e.g. `ecdsa-p256`, `ed25519`, `rsa`.
    public var algorithm: String
    /// Key size in bits where it matters (RSA).
    public var keyBits: Int?
    /// Where the signature came from (file name, bundle), for the evidence list.
    public var source: String
    /// The trusted signing time (transparency log or timestamp), when there is one.
    public var signedAt: Date?

    public init(signer: Signer, algorithm: String, keyBits: Int? = nil, source: String, signedAt: Date? = nil) {
        self.signer = signer
        self.algorithm = algorithm
        self.keyBits = keyBits
        self.source = source
        self.signedAt = signedAt
    }
}
