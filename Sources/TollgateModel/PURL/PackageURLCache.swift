import Foundation

/// Remembers parsed purls by their text, for `PackageURL(parsing:)`.
///
/// Parsing and normalising a purl took about 4 µs, a tenth of a gate decision over a 1,100-component
/// SBOM (docs/benchmarks.md, GateBench), and the same purls recur in every SBOM of an image or a
/// product line. Only successful parses are kept, keyed by the exact input text; the table is
/// cleared when it reaches `capacity`, which bounds memory in a long-lived server.
final class PackageURLCache: @unchecked Sendable {
    static let shared = PackageURLCache()
    /// Entries kept before the table is cleared.
    static let capacity = 100_000

    private let lock = NSLock()
    private var parsed: [String: PackageURL] = [:]

    func lookup(_ text: String) -> PackageURL? {
        lock.withLock { parsed[text] }
    }

    func remember(_ purl: PackageURL, for text: String) {
        lock.withLock {
            if parsed.count >= Self.capacity { parsed.removeAll(keepingCapacity: true) }
            parsed[text] = purl
        }
    }
}
