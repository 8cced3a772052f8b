/// Bounds on what one side of a comparison may hold, so a hostile archive (a zip bomb, a tar
/// header declaring terabytes, millions of entries) stops with `rebuild.too-large` instead of
/// exhausting memory or disk. Nothing is ever extracted to disk.
public struct RebuildLimits: Sendable, Hashable {
    /// Most entries in one archive (all layers of an image together).
    public var maxEntries = 200_000
    /// Largest total uncompressed size of one side.
    public var maxTotalBytes: Int64 = 8 << 30
    /// Largest single entry (tar header, zip header or what actually inflates).
    public var maxEntryBytes: Int64 = 1 << 30
    /// Largest ratio of uncompressed to compressed bytes, checked once more than
    /// ``ratioFloorBytes`` have inflated (small, highly compressible files are normal).
    public var maxCompressionRatio: Int64 = 200
    public var ratioFloorBytes: Int64 = 1 << 20
    /// Entries up to this size keep their bytes for classifying a difference; larger ones only a digest.
    public var inspectBytes: Int64 = 64 << 20
    /// A plain file (a binary) up to this size is read whole for classifying a difference.
    public var inspectFileBytes: Int64 = 512 << 20

    public init() {}
}
