/// One piece of evidence fetched from a registry: a DSSE envelope, a Sigstore bundle or an SBOM,
/// with where it was found. Its bytes hashed to the digest its manifest names.
public struct EvidenceFile: Sendable, Hashable {
    /// `registry/repo@sha256:…#1` or `registry/repo:sha256-….att#1`.
    public var name: String
    public var bytes: [UInt8]
    public var mediaType: String

    public init(name: String, bytes: [UInt8], mediaType: String) {
        self.name = name
        self.bytes = bytes
        self.mediaType = mediaType
    }
}
