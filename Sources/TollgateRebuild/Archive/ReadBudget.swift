import TollgateOCI

/// What one side has used of its ``RebuildLimits`` while it is read: entries, uncompressed bytes,
/// and the ratio of inflated to compressed bytes. Errors are `OCIError`s because the tar and gzip
/// readers (TollgateOCI) call back through typed-throwing closures; ``ArchiveReader`` maps them.
final class ReadBudget {
    let limits: RebuildLimits
    private(set) var entries = 0
    private(set) var totalBytes: Int64 = 0

    init(_ limits: RebuildLimits) {
        self.limits = limits
    }

    func admitEntry() throws(OCIError) {
        entries += 1
        guard entries <= limits.maxEntries else {
            throw OCIError(.tooLarge, "the archive has more than \(limits.maxEntries) entries (the limit)")
        }
    }

    /// An entry that declares (or inflates to) `size` bytes.
    func admit(size: Int64, name: String) throws(OCIError) {
        guard size >= 0, size <= limits.maxEntryBytes else {
            throw OCIError(.tooLarge, "'\(name.prefix(200))' declares \(size) bytes; the limit for one entry is \(limits.maxEntryBytes)")
        }
        totalBytes += size
        guard totalBytes <= limits.maxTotalBytes else {
            throw OCIError(.tooLarge, "the archive holds more than \(limits.maxTotalBytes) uncompressed bytes (the limit)")
        }
    }

    /// Checks `inflated` bytes from `compressed` stay within the compression ratio.
    func checkRatio(inflated: Int64, compressed: Int64, what: String) throws(OCIError) {
        guard inflated > limits.ratioFloorBytes, inflated / max(compressed, 1) > limits.maxCompressionRatio else { return }
        throw OCIError(.tooLarge, "\(what) inflates more than \(limits.maxCompressionRatio):1 (\(inflated) bytes from \(compressed)): "
                       + "a decompression bomb")
    }
}
