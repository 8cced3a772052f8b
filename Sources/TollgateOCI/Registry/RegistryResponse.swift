import TollgateModel

/// A manifest as a registry served it: bytes, `Content-Type`, and `Docker-Content-Digest` if sent.
public struct RegistryResponse: Sendable, Hashable {
    public var bytes: [UInt8]
    public var contentType: String?
    /// What the registry claims; ``Registry`` checks it against the bytes, never trusts it alone.
    public var announcedDigest: Digest?

    public init(bytes: [UInt8], contentType: String?, announcedDigest: Digest?) {
        self.bytes = bytes
        self.contentType = contentType
        self.announcedDigest = announcedDigest
    }
}
