import Foundation
import TollgateStore

/// What a long-lived `Scanner` keeps between scans: advisory rows already prepared for evaluation, and
/// advisory records, valid for one database revision. A warm scan then touches the database once (to read
/// the revision) instead of once per package.
final class ScanIndexCache: @unchecked Sendable {
    /// One stored `affected[]` row, ready to evaluate many component versions.
    struct PreparedAffected: Sendable {
        let row: AdvisoryStoreAffected
        let suffix: String?
        let evaluator: AffectedEvaluator
        let ranges: [AffectedEvaluator.PreparedRange]
        let versions: Set<String>

        init(_ row: AdvisoryStoreAffected) {
            self.row = row
            evaluator = AffectedEvaluator(ecosystem: row.ecosystem)
            suffix = row.ecosystem.firstIndex(of: ":").map { String(row.ecosystem[row.ecosystem.index(after: $0)...]) }
            ranges = evaluator.prepare(RangeCodec.decode(row.ranges))
            versions = Set(row.versions)
        }
    }

    private let lock = NSLock()
    private var revision: Int?
    private var rows: [AdvisoryStorePackageKey: [PreparedAffected]] = [:]
    private var records: [String: AdvisoryStoreRecord] = [:]
    /// Bounds memory for a long-lived scanner; the cache is dropped when it grows past this many packages.
    let maxPackages = 200_000

    /// Returns the prepared rows for `keys`, loading the missing ones from `store`.
    func affected(_ keys: Set<AdvisoryStorePackageKey>, store: any AdvisoryStore, revision current: Int) async throws
        -> [AdvisoryStorePackageKey: [PreparedAffected]] {
        let missing: Set<AdvisoryStorePackageKey> = lock.withLock {
            if revision != current || rows.count > maxPackages {
                rows = [:]
                records = [:]
                revision = current
            }
            return keys.filter { rows[$0] == nil }
        }
        if !missing.isEmpty {
            var loaded: [AdvisoryStorePackageKey: [PreparedAffected]] = Dictionary(uniqueKeysWithValues: missing.map { ($0, []) })
            for row in try await store.affected(packages: missing) {
                loaded[row.key, default: []].append(PreparedAffected(row))
            }
            lock.withLock { rows.merge(loaded) { _, new in new } }
        }
        return lock.withLock {
            var result: [AdvisoryStorePackageKey: [PreparedAffected]] = [:]
            for key in keys { result[key] = rows[key] ?? [] }
            return result
        }
    }

    /// Returns the advisory records for `ids`, loading the missing ones from `store`.
    func advisories(_ ids: Set<String>, store: any AdvisoryStore) async throws -> [String: AdvisoryStoreRecord] {
        let missing = lock.withLock { ids.filter { records[$0] == nil } }
        if !missing.isEmpty {
            let loaded = try await store.advisories(ids: missing)
            lock.withLock { records.merge(loaded) { _, new in new } }
        }
        return lock.withLock {
            var result: [String: AdvisoryStoreRecord] = [:]
            for id in ids { if let record = records[id] { result[id] = record } }
            return result
        }
    }
}
