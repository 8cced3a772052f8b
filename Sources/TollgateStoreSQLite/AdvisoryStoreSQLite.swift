import Foundation
import GRDB
import TollgateModel
import TollgateStore

/// The SQLite (GRDB) implementation of `AdvisoryStore`: one file, WAL mode, an index on
/// (ecosystem, package) so a scan is one index probe per component.
public final class AdvisoryStoreSQLite: AdvisoryStore, @unchecked Sendable {
    private let pool: DatabasePool
    /// The advisory count at one revision (`state()`): a `COUNT(*)` is the same until the revision moves.
    private let countLock = NSLock()
    private var countAtRevision: (revision: Int, count: Int)?

    /// The file name used inside a data directory (`--data DIR`).
    public static let defaultFileName = "advisories.sqlite"

    /// Opens (creating if needed) the database at `path`, through `SQLiteDatabase.openPool`: WAL, a
    /// busy timeout so processes that open one data directory at once wait for each other, and
    /// `synchronous = NORMAL` (an import is re-runnable, so losing the last transaction on power loss
    /// is acceptable; WAL keeps the file consistent).
    public init(path: String) throws {
        pool = try SQLiteDatabase.openPool(path: path, durable: false)
    }

    public func prepare() async throws {
        try await write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS advisory (
                    id TEXT PRIMARY KEY NOT NULL,
                    modified TEXT,
                    aliases TEXT NOT NULL,
                    summary TEXT,
                    severity TEXT NOT NULL,
                    score REAL,
                    severity_source TEXT,
                    content_digest TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS advisory_affected (
                    advisory_id TEXT NOT NULL,
                    ecosystem_base TEXT NOT NULL,
                    package TEXT NOT NULL,
                    ecosystem TEXT NOT NULL,
                    ranges TEXT NOT NULL,
                    versions TEXT NOT NULL,
                    last_known_affected TEXT
                );
                CREATE INDEX IF NOT EXISTS advisory_affected_package ON advisory_affected(ecosystem_base, package);
                CREATE INDEX IF NOT EXISTS advisory_affected_advisory ON advisory_affected(advisory_id);
                CREATE TABLE IF NOT EXISTS advisory_meta (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    revision INTEGER NOT NULL
                );
                INSERT OR IGNORE INTO advisory_meta (id, revision) VALUES (1, 0);
                CREATE TABLE IF NOT EXISTS advisory_alias (
                    alias TEXT NOT NULL,
                    advisory_id TEXT NOT NULL,
                    PRIMARY KEY (alias, advisory_id)
                ) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS advisory_alias_advisory ON advisory_alias(advisory_id);
                CREATE TABLE IF NOT EXISTS advisory_import (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    imported_at REAL NOT NULL
                );
                """)
            // Databases imported before the alias index existed: fill it once from the stored aliases.
            let indexed = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM advisory_alias)") ?? false
            if !indexed {
                let insert = try db.cachedStatement(sql: Self.insertAliasSQL)
                let rows = try Row.fetchCursor(db, sql: "SELECT id, aliases FROM advisory WHERE aliases != ''")
                while let row = try rows.next() {
                    let id: String = row[0]
                    let aliases: String = row[1]
                    for alias in aliases.split(separator: "\n") {
                        try insert.execute(arguments: [Self.aliasKey(String(alias)), id])
                    }
                }
            }
        }
    }

    private static let insertAliasSQL = "INSERT OR IGNORE INTO advisory_alias (alias, advisory_id) VALUES (?, ?)"

    /// Aliases are indexed upper-cased: `cve-2023-43804` finds `CVE-2023-43804`.
    private static func aliasKey(_ alias: String) -> String { alias.uppercased() }

    public func contentDigests() async throws -> [String: String] {
        try await read { db in
            var result: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, content_digest FROM advisory")
            while let row = try rows.next() {
                result[row[0]] = row[1]
            }
            return result
        }
    }

    public func apply(_ change: AdvisoryStoreChange) async throws {
        try await write { db in
            let deleteAffected = try db.cachedStatement(sql: "DELETE FROM advisory_affected WHERE advisory_id = ?")
            let deleteAdvisory = try db.cachedStatement(sql: "DELETE FROM advisory WHERE id = ?")
            let deleteAliases = try db.cachedStatement(sql: "DELETE FROM advisory_alias WHERE advisory_id = ?")
            let insertAlias = try db.cachedStatement(sql: Self.insertAliasSQL)
            let insertAdvisory = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO advisory (id, modified, aliases, summary, severity, score, severity_source, content_digest)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertAffected = try db.cachedStatement(sql: """
                INSERT INTO advisory_affected (advisory_id, ecosystem_base, package, ecosystem, ranges, versions, last_known_affected)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            try db.execute(sql: "UPDATE advisory_meta SET revision = revision + 1 WHERE id = 1")
            for id in change.deletions {
                try deleteAffected.execute(arguments: [id])
                try deleteAliases.execute(arguments: [id])
                try deleteAdvisory.execute(arguments: [id])
            }
            for record in change.upserts {
                try deleteAffected.execute(arguments: [record.id])
                try deleteAliases.execute(arguments: [record.id])
                for alias in record.aliases {
                    try insertAlias.execute(arguments: [Self.aliasKey(alias), record.id])
                }
                try insertAdvisory.execute(arguments: [
                    record.id, record.modified, record.aliases.joined(separator: "\n"), record.summary,
                    record.severity, record.score, record.severitySource, record.contentDigest,
                ])
                for affected in record.affected {
                    try insertAffected.execute(arguments: [
                        record.id, affected.key.ecosystem, affected.key.name, affected.ecosystem, affected.ranges,
                        affected.versions.joined(separator: "\n"), affected.lastKnownAffected,
                    ])
                }
            }
        }
    }

    public func affected(packages: Set<AdvisoryStorePackageKey>) async throws -> [AdvisoryStoreAffected] {
        try await read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT advisory_id, ecosystem, ranges, versions, last_known_affected
                FROM advisory_affected WHERE ecosystem_base = ? AND package = ?
                """)
            var result: [AdvisoryStoreAffected] = []
            for key in packages.sorted() {
                let rows = try Row.fetchCursor(statement, arguments: [key.ecosystem, key.name])
                while let row = try rows.next() {
                    let versions: String = row[3]
                    result.append(AdvisoryStoreAffected(
                        advisoryID: row[0], key: key, ecosystem: row[1], ranges: row[2],
                        versions: versions.isEmpty ? [] : versions.split(separator: "\n").map(String.init),
                        lastKnownAffected: row[4]))
                }
            }
            return result
        }
    }

    public func affected(advisories ids: Set<String>) async throws -> [AdvisoryStoreAffected] {
        try await read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT advisory_id, ecosystem_base, package, ecosystem, ranges, versions, last_known_affected
                FROM advisory_affected WHERE advisory_id = ?
                """)
            var result: [AdvisoryStoreAffected] = []
            for id in ids.sorted() {
                let rows = try Row.fetchCursor(statement, arguments: [id])
                while let row = try rows.next() {
                    let versions: String = row[5]
                    result.append(AdvisoryStoreAffected(
                        advisoryID: row[0], key: AdvisoryStorePackageKey(ecosystem: row[1], name: row[2]), ecosystem: row[3],
                        ranges: row[4], versions: versions.isEmpty ? [] : versions.split(separator: "\n").map(String.init),
                        lastKnownAffected: row[6]))
                }
            }
            return result
        }
    }

    public func advisories(ids: Set<String>) async throws -> [String: AdvisoryStoreRecord] {
        try await read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT id, modified, aliases, summary, severity, score, severity_source, content_digest
                FROM advisory WHERE id = ?
                """)
            var result: [String: AdvisoryStoreRecord] = [:]
            for id in ids.sorted() {
                guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
                let aliases: String = row[2]
                result[id] = AdvisoryStoreRecord(
                    id: row[0], modified: row[1],
                    aliases: aliases.isEmpty ? [] : aliases.split(separator: "\n").map(String.init),
                    summary: row[3], severity: row[4], score: row[5], severitySource: row[6],
                    contentDigest: row[7], affected: [])
            }
            return result
        }
    }

    public func advisoryIDs(aliasing alias: String) async throws -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT advisory_id FROM advisory_alias WHERE alias = ? ORDER BY advisory_id",
                                arguments: [Self.aliasKey(alias)])
        }
    }

    public func revision() async throws -> Int {
        // One statement, read at every admission (the cache key): no BEGIN/COMMIT around it.
        do {
            return try await pool.unsafeRead { db in
                try Int.fetchOne(try db.cachedStatement(sql: "SELECT revision FROM advisory_meta WHERE id = 1")) ?? 0
            }
        } catch {
            throw StoreError(.io, "reading the advisory database failed: \(ErrorText.describe(error))")
        }
    }

    public func lastImport() async throws -> Date? {
        try await read { db in
            try Double.fetchOne(db, sql: "SELECT imported_at FROM advisory_import WHERE id = 1")
                .map { Date(timeIntervalSince1970: $0) }
        }
    }

    public func recordImport(at time: Date) async throws {
        try await write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO advisory_import (id, imported_at) VALUES (1, ?)",
                           arguments: [time.timeIntervalSince1970])
        }
    }

    public func advisoryCount() async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM advisory") ?? 0 }
    }

    /// One read transaction; the `COUNT(*)` only when the revision changed since the last call.
    public func state() async throws -> (revision: Int, lastImport: Date?, advisoryCount: Int) {
        let known = countLock.withLock { countAtRevision }
        let state = try await read { db -> (revision: Int, lastImport: Date?, advisoryCount: Int) in
            let revision = try Int.fetchOne(db, sql: "SELECT revision FROM advisory_meta WHERE id = 1") ?? 0
            let imported = try Double.fetchOne(db, sql: "SELECT imported_at FROM advisory_import WHERE id = 1")
                .map { Date(timeIntervalSince1970: $0) }
            let count: Int
            if let known, known.revision == revision {
                count = known.count
            } else {
                count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM advisory") ?? 0
            }
            return (revision, imported, count)
        }
        countLock.withLock { countAtRevision = (state.revision, state.advisoryCount) }
        return state
    }

    public func statistics() async throws -> AdvisoryStoreStatistics {
        try await read { db in
            let advisories = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM advisory") ?? 0
            let affected = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM advisory_affected") ?? 0
            var byEcosystem: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT ecosystem_base, COUNT(DISTINCT advisory_id) FROM advisory_affected GROUP BY ecosystem_base
                """)
            while let row = try rows.next() { byEcosystem[row[0]] = row[1] }
            return AdvisoryStoreStatistics(advisories: advisories, affectedPackages: affected, byEcosystem: byEcosystem)
        }
    }

    // MARK: - Error mapping

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.io, "reading the advisory database failed: \(ErrorText.describe(error))")
        }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.io, "writing the advisory database failed: \(ErrorText.describe(error))")
        }
    }
}
