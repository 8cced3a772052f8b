import Crypto
import Foundation
import TollgateModel
import TollgateSigstore

/// Verifies gitsign signatures (`GitsignSignature`) with TollgateSigstore, as any Sigstore bundle: the Fulcio
/// certificate chains to the trusted root at the time Rekor logged the entry, its SCT is valid, the entry's
/// signed timestamp and inclusion proof (with its signed checkpoint) verify against the trusted Rekor key and
/// are about this signature, the signature is valid over the signed attributes, and the certificate's identity
/// and issuer match `identity` (the policy's, never "anyone"). Then the signed `messageDigest` must be the
/// SHA-256 of the Git payload, which binds the commit or tag to all of that.
public struct GitsignVerifier: Sendable {
    public let trustedRoot: TrustedRoot
    public let identity: IdentityPolicy
    public let now: @Sendable () -> Date

    public init(trustedRoot: TrustedRoot, identity: IdentityPolicy, now: @escaping @Sendable () -> Date = { Date() }) {
        self.trustedRoot = trustedRoot
        self.identity = identity
        self.now = now
    }

    public func verify(signature text: String, over payload: [UInt8]) async -> SignedGitObject.Verdict {
        let signature: GitsignSignature
        let bundle: UnverifiedBundle
        do {
            signature = try GitsignSignature(armored: text)
            bundle = try UnverifiedBundle(json: signature.bundle())
        } catch let error as AuditError {
            return .invalid(reason: error.reason)
        } catch {
            return .invalid(reason: "gitsign: the signature is not a Sigstore bundle: \(ErrorText.describe(error))")
        }
        guard Array(SHA256.hash(data: payload)) == signature.messageDigest else {
            return .invalid(reason: "gitsign: the signature's messageDigest is not the SHA-256 of this object (it signs other content)")
        }
        let verifier = SigstoreVerifier(trustedRoot: trustedRoot, options: VerificationOptions(now: now))
        switch await verifier.verify(bundle, artifact: Artifact(bytes: signature.signedAttributes), policy: identity) {
        case .failed(let failure):
            return .invalid(reason: "gitsign: \(failure.description)")
        case .verified(let verified):
            let subject = verified.identity?.subjectAlternativeNames.first ?? "(no subject)"
            return .verified(method: .gitsign, signers: ["\(subject) (\(verified.identity?.issuer ?? "no issuer"))"])
        }
    }
}
