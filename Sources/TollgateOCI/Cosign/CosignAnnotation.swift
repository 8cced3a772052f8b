/// The annotations cosign writes on signature and attestation layers (cosign `pkg/oci/static`,
/// `specs/SIGNATURE_SPEC.md`).
public enum CosignAnnotation {
    /// The base64 signature over the layer's payload (empty for DSSE layers, which carry their own).
    public static let signature = "dev.cosignproject.cosign/signature"
    /// The PEM signing certificate (keyless signatures).
    public static let certificate = "dev.sigstore.cosign/certificate"
    /// The PEM certificate chain up to the Fulcio root.
    public static let chain = "dev.sigstore.cosign/chain"
    /// The Rekor "bundle": the signed entry timestamp and the entry it covers (old format).
    public static let rekorBundle = "dev.sigstore.cosign/bundle"
    /// An RFC 3161 timestamp response (not used by Tollgate's verification).
    public static let timestamp = "dev.sigstore.cosign/timestamp"
    /// The in-toto predicate type of an attestation layer.
    public static let predicateType = "predicateType"
    /// On a Sigstore bundle referrer: the predicate type of its DSSE statement.
    public static let bundlePredicateType = "dev.sigstore.bundle.predicateType"
    /// On a Sigstore bundle referrer: `dsse-envelope` or `message-signature`.
    public static let bundleContent = "dev.sigstore.bundle.content"
    /// OCI: when an artifact manifest was created.
    public static let created = "org.opencontainers.image.created"
}
