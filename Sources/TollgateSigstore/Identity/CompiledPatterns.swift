import Foundation
import Synchronization

/// Compiled identity regular expressions, so a batch of 1,000 bundles under one `--…-regexp`
/// compiles the pattern once. Patterns are anchored to match whole strings.
/// `NSRegularExpression` is immutable and documented thread-safe; the cache itself is guarded.
final class CompiledPatterns: @unchecked Sendable {
    static let shared = CompiledPatterns()
    private let cache = Mutex<[String: NSRegularExpression]>([:])

    func regex(for pattern: String) -> NSRegularExpression? {
        if let hit = cache.withLock({ $0[pattern] }) { return hit }
        guard let compiled = try? NSRegularExpression(pattern: "^(?:\(pattern))$") else { return nil }
        cache.withLock { cache in
            if cache.count > 256 { cache.removeAll() }
            cache[pattern] = compiled
        }
        return compiled
    }
}
