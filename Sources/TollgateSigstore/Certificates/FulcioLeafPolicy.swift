import SwiftASN1
import X509

/// The Fulcio-specific part of leaf validation, composed with `RFC5280Policy`: the leaf must
/// allow code signing (Sigstore client spec: "the certificate's extended key usage MUST
/// contain codeSigning"). Fulcio marks the SAN critical (its subject is empty); the identity
/// in it is checked by ``IdentityPolicy`` after chain building, so this policy declares SAN
/// as handled.
struct FulcioLeafPolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [
        .X509ExtensionID.subjectAlternativeName,
        .X509ExtensionID.extendedKeyUsage,
    ]

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        let leaf = chain.leaf
        guard let usage = try? leaf.extensions.extendedKeyUsage, usage.contains(.codeSigning) else {
            return .failsToMeetPolicy(reason: "the signing certificate lacks the codeSigning extended key usage")
        }
        return .meetsPolicy
    }
}
