import TollgateModel

/// The error type of `TollgateSigstore`: a bundle, trusted root or policy that cannot be read
/// or used at all. A bundle that parses but does not verify is a ``VerificationFailure``
/// inside a ``SigstoreVerificationResult``, not an error (docs/sigstore.md).
public typealias SigstoreError = ModuleError<SigstoreErrorKind>

/// The stable kinds of `SigstoreError`. The raw value is the documented code.
public enum SigstoreErrorKind: String, TollgateErrorKind {
    /// The bundle is not valid JSON, has wrong types, bad base64 or missing required fields.
    case malformedBundle = "sigstore.bundle-malformed"
    /// The bundle media type names a version this verifier does not support.
    case unsupportedBundleVersion = "sigstore.bundle-unsupported-version"
    /// The trusted root is malformed (including a `validFor` without `start`).
    case invalidTrustedRoot = "sigstore.trusted-root-invalid"
    /// An input is larger or deeper than the parser limits.
    case tooLarge = "sigstore.too-large"
    /// The identity policy or options are contradictory or unusable (e.g. a bad regexp).
    case invalidPolicy = "sigstore.policy-invalid"
    /// The managed key given for verification is not a usable public key.
    case invalidKey = "sigstore.key-invalid"
    /// The artifact could not be read or its digest is malformed.
    case invalidArtifact = "sigstore.artifact-invalid"
    /// A bundled resource (the shipped trusted roots) is missing.
    case io = "sigstore.io"
    /// Keyless signing: the OIDC identity token is not a JWT, lacks `sub`/`iss`, names another
    /// audience than `sigstore`, or has expired.
    case identityToken = "sigstore.identity-token"
    /// Keyless signing: Fulcio could not be reached, refused the request, or answered without a
    /// usable certificate chain (with an embedded SCT) for the ephemeral key.
    case certificateAuthority = "sigstore.fulcio"
    /// Keyless signing: Rekor could not be reached, refused the entry, or answered without a
    /// usable entry (body, SET, inclusion proof, checkpoint).
    case transparencyLog = "sigstore.rekor"
    /// Keyless signing: the bundle assembled from Fulcio's and Rekor's answers does not verify
    /// against the trusted root, so it is not written.
    case signedBundleUnverified = "sigstore.signed-bundle-unverified"

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidPolicy: .usage
        case .io, .certificateAuthority, .transparencyLog: .environment
        case .signedBundleUnverified: .failed
        default: .invalidInput
        }
    }
}
