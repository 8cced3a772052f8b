import Foundation
import TollgateModel

/// A signature over the artifact or a statement about it, already verified cryptographically.
/// Whether its signer is trusted is the policy's question, asked per kind of evidence.
public struct VerifiedSignature: Sendable, Hashable, Codable {
    public let signer: Signer
    /// The signature algorithm, e.g. `ecdsa-p256`, `ed25519`, `rsa-3072`.
    public let algorithm: String
    /// Key size in bits where it matters (RSA).
    public let keyBits: Int?
    /// Where the signature came from (file name, bundle), for the evidence list.
    public let source: String
    /// The trusted signing time (transparency log or timestamp), when there is one.
    public let signedAt: Date?
    /// The Fulcio certificate's CI extensions, for keyless signatures.
    public let certificate: FulcioCertificateFacts?

    package init(signer: Signer, algorithm: String, keyBits: Int? = nil, source: String, signedAt: Date? = nil,
                 certificate: FulcioCertificateFacts? = nil) {
        self.signer = signer
        self.algorithm = algorithm
        self.keyBits = keyBits
        self.source = source
        self.signedAt = signedAt
        self.certificate = certificate
    }
}
