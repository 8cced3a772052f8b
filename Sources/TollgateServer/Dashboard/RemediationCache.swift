import Foundation
import Synchronization
import TollgateStore

/// The remediation queue as last computed, given again while nothing it is computed from changed:
/// the index's position (findings, running deployments, decisions, names), the inventory's
/// revision (first-seen dates), the advisory database's revision (severities) and the newest
/// published policy versions (SLOs, exceptions). Statuses also depend on the time, so an answer is
/// given again only before the first moment one of them could change: the earliest due date or
/// exception expiry after it was computed. Without an inventory revision it is always computed.
///
/// Computing it reads each finding's first-seen date; on the 100,000-artifact benchmark (3,000
/// findings of running artifacts) that was most of the overview's time (docs/benchmarks.md).
/// Whatever `RemediationQueue.items` comes to read must be part of `Key`.
final class RemediationCache: Sendable {
    struct Key: Equatable {
        let indexSize: UInt64
        let inventory: Int64
        let advisories: Int?
        let policies: [PolicyVersion]
    }

    private struct Answer {
        let key: Key
        let computed: Date
        let validUntil: Date
        let items: [RemediationItem]
    }

    private let last = Mutex<Answer?>(nil)

    func items(state: LoadedState, index: DashboardIndex, now: Date = Date()) async throws -> [RemediationItem] {
        guard let inventory = try await state.stores.inventory.revision() else {
            return try await RemediationQueue.items(state: state, index: index, now: now)
        }
        let policies = try await state.policies.latest()
        let key = Key(indexSize: await index.size, inventory: inventory, advisories: try await state.advisories?.revision(), policies: policies)
        if let answer = last.withLock({ $0 }), answer.key == key, answer.computed <= now, now < answer.validUntil { return answer.items }
        let items = try await RemediationQueue.items(state: state, index: index, now: now)
        var changes = items.compactMap(\.due).filter { $0 > now }
        for version in policies {
            let policy = try await state.policyLibrary.policy(version.name, version: version.version, state: state).0
            changes += policy.exceptions.map(\.expires).filter { $0 > now }
        }
        let answer = Answer(key: key, computed: now, validUntil: changes.min() ?? .distantFuture, items: items)
        last.withLock { $0 = answer }
        return items
    }
}
