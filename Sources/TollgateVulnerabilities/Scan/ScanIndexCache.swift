import Foundation
import TollgateStore

/// What a long-lived `Scanner` keeps between scans, valid for one database revision: each package's
/// advisory rows prepared for evaluation, each advisory prepared for reporting (aliases interned for
/// grouping), and each component version's matches (before VEX, which is applied per scan). A warm scan then touches the database once (to read the revision) instead of once per
/// package, and builds findings without hashing advisory ids.
final class ScanIndexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var revision: Int?
    private var packages: [AdvisoryStorePackageKey: PreparedPackage] = [:]
    private var advisories: [String: PreparedAdvisory] = [:]
    private var aliasKeys: [String: Int32] = [:]
    /// Each scanned component's findings before VEX, by `Scanner.Target.memoKey` (purl text, version
    /// and name): the same component version matches the same advisories until the revision changes.
    private var matched: [String: [VulnerabilityFinding]] = [:]
    /// Bounds memory for a long-lived scanner; the cache is dropped when it grows past this many packages.
    let maxPackages = 200_000
    /// The component memo is dropped when it grows past this many components.
    let maxComponents = 500_000

    /// Returns the prepared packages for `keys` (an empty package for a key without advisories), loading
    /// the missing ones, and the advisories their rows name, from `store`.
    func packages(_ keys: Set<AdvisoryStorePackageKey>, store: any AdvisoryStore, revision current: Int) async throws
        -> [AdvisoryStorePackageKey: PreparedPackage] {
        let missing: Set<AdvisoryStorePackageKey> = lock.withLock {
            if revision != current || packages.count > maxPackages {
                packages = [:]
                advisories = [:]
                aliasKeys = [:]
                matched = [:]
                revision = current
            }
            return keys.filter { packages[$0] == nil }
        }
        if !missing.isEmpty {
            let rows = try await store.affected(packages: missing)
            let named = Set(rows.map(\.advisoryID))
            let newIDs = lock.withLock { named.filter { advisories[$0] == nil } }
            let records = newIDs.isEmpty ? [:] : try await store.advisories(ids: newIDs)
            lock.withLock {
                for id in newIDs where advisories[id] == nil {
                    advisories[id] = PreparedAdvisory(id: id, record: records[id], intern: intern)
                }
                var grouped: [AdvisoryStorePackageKey: [AdvisoryStoreAffected]] = [:]
                for row in rows { grouped[row.key, default: []].append(row) }
                for key in missing {
                    let rows = grouped[key] ?? []
                    packages[key] = PreparedPackage(
                        rows: rows.map { row in
                            PreparedAffected(row, advisory: advisories[row.advisoryID]
                                ?? PreparedAdvisory(id: row.advisoryID, record: nil, intern: intern))
                        },
                        versions: rows.map(\.versions))
                }
            }
        }
        return lock.withLock {
            var result: [AdvisoryStorePackageKey: PreparedPackage] = [:]
            result.reserveCapacity(keys.count)
            for key in keys { result[key] = packages[key] ?? .empty }
            return result
        }
    }

    /// The memo of components already matched at `current` (empty after a revision change).
    func matchedComponents(revision current: Int) -> [String: [VulnerabilityFinding]] {
        lock.withLock { revision == current ? matched : [:] }
    }

    /// Remembers components matched at `current` (ignored if the revision moved on meanwhile).
    func remember(_ results: [String: [VulnerabilityFinding]], revision current: Int) {
        guard !results.isEmpty else { return }
        lock.withLock {
            guard revision == current else { return }
            if matched.count + results.count > maxComponents { matched = [:] }
            matched.merge(results) { _, new in new }
        }
    }

    /// The intern number of an id or alias (called with the lock held).
    private func intern(_ name: String) -> Int32 {
        if let key = aliasKeys[name] { return key }
        let key = Int32(aliasKeys.count)
        aliasKeys[name] = key
        return key
    }
}
