import Foundation
import TollgateModel
import TollgateSigstore
import TollgateVerify

/// Verifies the attestations offered for a package file (PEP 740 attestation objects, npm
/// provenance bundles) as Sigstore bundles against the trusted root, with the file's digest as
/// the in-toto subject (and, for PEP 740, its file name). Any Fulcio identity verifies here: the
/// certificate's identity is returned, and the install rules decide whether that publisher is
/// trusted for the package (`install.trustedPublishers`).
public struct PackageAttestationVerifier: Sendable {
    public let verifier: SigstoreVerifier?

    /// `trustedRoot` nil: attestations cannot be verified, and each one offered is a problem.
    public init(trustedRoot: TrustedRoot?, now: @escaping @Sendable () -> Date = { Date() }) {
        verifier = trustedRoot.map { SigstoreVerifier(trustedRoot: $0, options: VerificationOptions(now: now)) }
    }

    /// Verifies one bundle (or PEP 740 attestation object); the verified publisher, or why not.
    public func verify(_ json: [UInt8], artifact: Artifact, source: String) async -> Result<PublisherAttestation, AttestationProblem> {
        guard let verifier else { return .failure(AttestationProblem("\(source): no trusted root to verify attestations with")) }
        let anyIdentity: IdentityPolicy
        do { anyIdentity = try IdentityPolicy.certificate(subjectRegexp: "^.+$", issuerRegexp: "^.+$") } catch {
            return .failure(AttestationProblem("\(source): \(error.reason)"))
        }
        let result: SigstoreVerificationResult
        do { result = try await verifier.verify(bundleJSON: json, artifact: artifact, policy: anyIdentity) } catch {
            return .failure(AttestationProblem("\(source): not a Sigstore bundle: \(error.reason)"))
        }
        guard let verified = result.verifiedBundle else {
            return .failure(AttestationProblem("\(source): does not verify: \(result.failure.map { "\($0.reason.rawValue): \($0.message)" } ?? "unknown")"))
        }
        guard let identity = verified.identity, let issuer = identity.issuer, let subject = identity.subjectAlternativeNames.first else {
            return .failure(AttestationProblem("\(source): signed without a Fulcio certificate identity"))
        }
        var predicateType = "(message signature)"
        if let payload = verified.statementPayload, let statement = try? InTotoStatement(parsing: payload) {
            predicateType = statement.predicateType
        }
        return .success(PublisherAttestation(issuer: issuer, subject: subject, certificate: identity.facts,
                                             predicateType: predicateType, source: source))
    }
}

/// Why an offered attestation did not count.
public struct AttestationProblem: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
