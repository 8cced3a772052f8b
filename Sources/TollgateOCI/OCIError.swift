import TollgateModel

/// The error type of `TollgateOCI` and `TollgateOCIHTTP`: an image reference, manifest, blob,
/// layer or registry exchange that cannot be used. A signature that does not verify is a result
/// (``CosignVerdict``), never an error. Codes: `docs/error-codes/oci.md`.
public typealias OCIError = ModuleError<OCIErrorKind>

/// The stable kinds of `OCIError`. The raw value is the documented code.
public enum OCIErrorKind: String, TollgateErrorKind {
    /// The image reference does not parse (docker/distribution reference grammar).
    case invalidReference = "oci.invalid-reference"
    /// A manifest or index is not valid JSON of its media type, or breaks a MUST of the image spec.
    case invalidManifest = "oci.invalid-manifest"
    /// A manifest, config or layer has a media type Tollgate does not read.
    case unsupportedMediaType = "oci.unsupported-media-type"
    /// A manifest, blob, layer, file or list is over its limit.
    case tooLarge = "oci.too-large"
    /// Content does not hash to the digest that names it (or that the registry announced).
    case digestMismatch = "oci.digest-mismatch"
    /// The registry has no such manifest, tag or blob.
    case notFound = "oci.not-found"
    /// A layer tarball is malformed, hostile (path traversal) or not decompressible.
    case invalidLayer = "oci.invalid-layer"
    /// An OCI image layout directory is missing its `oci-layout` / `index.json` or is malformed.
    case invalidLayout = "oci.invalid-layout"
    /// Credentials (a docker config file, a token answer) cannot be read.
    case invalidCredentials = "oci.invalid-credentials"
    /// A docker credential helper (`credHelpers`, `credsStore`) is missing, failed, took too long or
    /// answered with something other than the protocol's JSON.
    case credentialHelper = "oci.credential-helper"
    /// The registry refused the credentials, or none were given where it needs them.
    case unauthorized = "oci.unauthorized"
    /// Plain HTTP was needed but not allowed (`--allow-http-registry`).
    case insecureRegistry = "oci.insecure-registry"
    /// The registry cannot be reached, or answered outside the distribution spec.
    case registry = "oci.registry"

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidReference, .insecureRegistry: .usage
        case .unauthorized, .registry, .credentialHelper: .environment
        default: .invalidInput
        }
    }
}
