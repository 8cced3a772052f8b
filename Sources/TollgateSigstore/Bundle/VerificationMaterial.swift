import X509

/// The key material a bundle carries: a Fulcio leaf certificate (alone in v0.3, or first in a
/// chain in v0.1/v0.2) or only a hint naming a key the verifier must be given.
public enum VerificationMaterial: Sendable, Equatable {
    /// `leafDER` is kept to compare byte-for-byte with the log entry (CVE-2022-36056).
    /// `chainRest` holds any further bundle certificates: they are never trust anchors.
    case certificate(leaf: Certificate, leafDER: [UInt8], chainRest: [Certificate])
    case publicKey(hint: String?)

    public var leafCertificate: Certificate? {
        if case .certificate(let leaf, _, _) = self { return leaf }
        return nil
    }
}
