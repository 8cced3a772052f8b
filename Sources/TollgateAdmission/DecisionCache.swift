import Foundation
import Synchronization
import TollgateVerify

/// Gate decisions by `DecisionCacheKey`, for a lifetime, with one verification in flight per key:
/// concurrent first requests for the same digest share it, and a verification that outlives a
/// request's deadline keeps running and fills the cache for the retry.
public final class DecisionCache: Sendable {
    private struct Entry {
        let decision: Decision
        let expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[DecisionCacheKey: Entry]>([:])
    private let inFlight = Mutex<[DecisionCacheKey: Task<Decision, any Error>]>([:])
    public let lifetime: Duration
    public let capacity: Int

    public init(lifetime: Duration, capacity: Int = 100_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached decision for `key`, if still fresh.
    public func decision(for key: DecisionCacheKey) -> Decision? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            guard entry.expires > now else {
                entries[key] = nil
                return nil
            }
            return entry.decision
        }
    }

    public func store(_ decision: Decision, for key: DecisionCacheKey) {
        guard lifetime > .zero else { return }
        let expires = ContinuousClock.now + lifetime
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(decision: decision, expires: expires)
        }
    }

    public var count: Int { entries.withLock { $0.count } }

    /// The verification of `key`: the one in flight, or a new one running `verify`. When it
    /// succeeds its decision is cached; it runs to its end even if nobody waits for it any more.
    func verification(for key: DecisionCacheKey, _ verify: @escaping @Sendable () async throws -> Decision) -> Task<Decision, any Error> {
        inFlight.withLock { running in
            if let task = running[key] { return task }
            let task = Task<Decision, any Error> { [self] in
                defer { _ = inFlight.withLock { $0.removeValue(forKey: key) } }
                let decision = try await verify()
                store(decision, for: key)
                return decision
            }
            running[key] = task
            return task
        }
    }
}
