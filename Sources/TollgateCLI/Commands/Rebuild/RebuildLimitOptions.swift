import ArgumentParser
import TollgateRebuild

/// `--max-entries`, `--max-bytes`, `--max-ratio`: the limits a hostile archive stops at.
struct RebuildLimitOptions: ParsableArguments {
    @Option(help: "Most entries one side may hold (all image layers together).")
    var maxEntries: Int = RebuildLimits().maxEntries

    @Option(help: "Most uncompressed bytes one side may hold.")
    var maxBytes: Int64 = RebuildLimits().maxTotalBytes

    @Option(help: "Highest compression ratio (uncompressed:compressed) once 1 MiB has inflated.")
    var maxRatio: Int64 = RebuildLimits().maxCompressionRatio

    var limits: RebuildLimits {
        var limits = RebuildLimits()
        limits.maxEntries = maxEntries
        limits.maxTotalBytes = maxBytes
        limits.maxEntryBytes = min(limits.maxEntryBytes, maxBytes)
        limits.maxCompressionRatio = maxRatio
        return limits
    }

    func validate() throws {
        guard maxEntries > 0, maxBytes > 0, maxRatio > 0 else {
            throw ValidationError("--max-entries, --max-bytes and --max-ratio must be positive.")
        }
    }
}
