import TollgateModel

/// One side of a comparison read: its digest, format and entries in archive order.
public struct ArchiveListing: Sendable, Hashable {
    public var path: String
    public var digest: Digest
    public var format: ArchiveFormat
    public var entries: [ArchiveEntry]
    /// The gzip header of a `.tar.gz` / `.gz`.
    public var gzipHeader: GzipHeader?
    /// The inflated bytes' digest of a `.tar.gz` / `.gz` (equal inflated bytes, different compression).
    public var inflatedDigest: Digest?

    public init(path: String, digest: Digest, format: ArchiveFormat, entries: [ArchiveEntry],
                gzipHeader: GzipHeader? = nil, inflatedDigest: Digest? = nil) {
        self.path = path
        self.digest = digest
        self.format = format
        self.entries = entries
        self.gzipHeader = gzipHeader
        self.inflatedDigest = inflatedDigest
    }
}
