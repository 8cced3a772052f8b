import Foundation
import Synchronization

/// A token bucket per principal (or per client address for anonymous requests): `burst` requests
/// at once, refilled at `perSecond`. A refused request learns how long to wait (`Retry-After`).
final class RateLimiter: Sendable {
    let perSecond: Double
    let burst: Double
    private let buckets = Mutex<[String: (tokens: Double, time: TimeInterval)]>([:])
    /// Buckets kept before idle ones are dropped (an idle bucket is full, so dropping it changes nothing).
    static let maxBuckets = 10_000

    init(perSecond: Double, burst: Int) {
        self.perSecond = max(perSecond, 0.001)
        self.burst = Double(max(burst, 1))
    }

    /// Takes one token for `key`; nil when allowed, else the seconds to wait.
    func take(_ key: String, now: TimeInterval = ProcessInfo.processInfo.systemUptime) -> Int? {
        buckets.withLock { buckets in
            if buckets.count >= Self.maxBuckets {
                buckets = buckets.filter { _, bucket in min(burst, bucket.tokens + (now - bucket.time) * perSecond) < burst }
            }
            var bucket = buckets[key] ?? (burst, now)
            bucket.tokens = min(burst, bucket.tokens + (now - bucket.time) * perSecond)
            bucket.time = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return Int(((1 - bucket.tokens) / perSecond).rounded(.up))
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            return nil
        }
    }
}
