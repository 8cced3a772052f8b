import TollgateModel
import TollgateSigstore

/// The outcome of verifying one cosign signature: verified, or failed with a code and a reason.
/// A failure is a result, not an error (DESIGN.md style rule 1).
public enum CosignVerdict: Sendable {
    case verified(VerifiedCosignSignature)
    case failed(CosignFailure)
}

/// Why a cosign signature did not verify.
public struct CosignFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The payload is not cosign simple signing, or an annotation is malformed.
        case malformed = "cosign.malformed"
        /// `critical.image.docker-manifest-digest` names another digest.
        case wrongDigest = "cosign.wrong-digest"
        /// `critical.identity.docker-reference` names another repository.
        case wrongReference = "cosign.wrong-reference"
        /// No key or trusted root that could verify it.
        case noVerifier = "cosign.no-verifier"
        /// The signature, chain, SCT or SET does not verify.
        case invalid = "cosign.invalid"
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}

/// A cosign signature whose payload names the expected digest and repository, and whose
/// signature verified with a given key or, keyless, through a Fulcio chain and a Rekor SET.
/// Only ``CosignVerifier`` makes one.
public struct VerifiedCosignSignature: Sendable {
    public let payload: SimpleSigningPayload
    /// The key that verified it (keyed signatures).
    public let key: PublicKey?
    /// The verified bundle equivalent (keyless signatures, and keyed ones logged in Rekor).
    public let bundle: VerifiedBundle?
    public let source: String
}
