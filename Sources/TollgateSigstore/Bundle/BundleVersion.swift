/// The bundle media type versions this verifier understands
/// (sigstore/protobuf-specs `docs/bundle.md`, "Media types").
public enum BundleVersion: String, Sendable, Codable, Comparable {
    case v0_1 = "0.1"
    case v0_2 = "0.2"
    case v0_3 = "0.3"

    /// Maps a media type to a version; both spellings of v0.3 are accepted.
    public init?(mediaType: String) {
        switch mediaType {
        case "application/vnd.dev.sigstore.bundle+json;version=0.1": self = .v0_1
        case "application/vnd.dev.sigstore.bundle+json;version=0.2": self = .v0_2
        case "application/vnd.dev.sigstore.bundle+json;version=0.3",
             "application/vnd.dev.sigstore.bundle.v0.3+json": self = .v0_3
        default: return nil
        }
    }

    public static func < (lhs: BundleVersion, rhs: BundleVersion) -> Bool { lhs.rawValue < rhs.rawValue }
}
