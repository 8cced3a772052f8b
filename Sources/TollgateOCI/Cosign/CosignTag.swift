import TollgateModel

/// The tags cosign derives from a digest (`sha256:abc…` → `sha256-abc….sig`), and the OCI 1.1
/// referrers tag schema (`sha256-abc…`, distribution-spec "Referrers Tag Schema").
public enum CosignTag: String, Sendable, CaseIterable {
    case signature = "sig"
    case attestation = "att"
    case sbom = "sbom"

    /// `sha256-<hex>.sig` for this kind.
    public func tag(for digest: Digest) -> String {
        Self.referrersTag(for: digest) + "." + rawValue
    }

    /// `<alg>-<ref>`, the algorithm truncated to 32 and the hex to 64 characters.
    public static func referrersTag(for digest: Digest) -> String {
        String(digest.algorithm.rawValue.prefix(32)) + "-" + String(digest.hex.prefix(64))
    }
}
