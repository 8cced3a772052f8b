/// Why a bundle did not verify: a stable reason code (docs/sigstore.md, "Reason codes") and a
/// sentence for a person saying expected vs actual.
public struct VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable reason codes, in the order the verification steps run.
    public enum Reason: String, Sendable, CaseIterable, Codable {
        /// The bundle's material does not fit the requested verification (a key-signed bundle
        /// checked against an identity, or a certificate bundle checked against a key).
        case materialMismatch = "sigstore.material-mismatch"
        /// No transparency log entry, or one from a log the trusted root does not know.
        case tlogMissing = "sigstore.tlog-missing"
        case logUnknown = "sigstore.log-unknown"
        /// An RFC 3161 timestamp does not verify against a trusted TSA, or lies outside its window.
        case timestampInvalid = "sigstore.timestamp-invalid"
        /// The signed entry timestamp (SET) does not verify.
        case setInvalid = "sigstore.set-invalid"
        /// A verified time lies in the future of the injected clock.
        case timeInFuture = "sigstore.time-in-future"
        /// Neither a verified timestamp nor a SET-covered integrated time exists.
        case noVerifiedTime = "sigstore.no-verified-time"
        /// A verified time lies outside the signing certificate's validity.
        case timeOutsideCertificateValidity = "sigstore.time-outside-certificate-validity"
        /// The bundle's chain contains a self-signed (root) certificate.
        case rootCertificateInBundle = "sigstore.root-certificate-in-bundle"
        /// The leaf does not chain to a Fulcio CA in the trusted root at the signing time.
        case certificateChainInvalid = "sigstore.certificate-chain-invalid"
        /// No embedded SCT verifies against a CT log key in the trusted root.
        case sctInvalid = "sigstore.sct-invalid"
        /// The certificate's SAN or OIDC issuer does not match the identity policy.
        case identityMismatch = "sigstore.identity-mismatch"
        /// A v0.2+ bundle (or Rekor v2 entry) lacks the required inclusion proof or checkpoint.
        case inclusionProofMissing = "sigstore.inclusion-proof-missing"
        /// The inclusion proof does not recompute the claimed root hash.
        case inclusionProofInvalid = "sigstore.inclusion-proof-invalid"
        /// The checkpoint is malformed, not signed by the log, or names another root or size.
        case checkpointInvalid = "sigstore.checkpoint-invalid"
        /// The artifact does not match the bundle (message digest or in-toto subject).
        case artifactMismatch = "sigstore.artifact-mismatch"
        /// The artifact or DSSE signature does not verify with the signing key.
        case signatureInvalid = "sigstore.signature-invalid"
        /// The log entry body does not match the bundle's signature, key or digest.
        case entryMismatch = "sigstore.entry-mismatch"
    }

    public let reason: Reason
    public let message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var code: String { reason.rawValue }
    public var description: String { "\(reason.rawValue): \(message)" }
}
