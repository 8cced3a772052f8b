import Foundation
import GRDB
import TollgateModel
import TollgateStore

/// The SQLite implementation of `PolicyStore`, in `DIR/server.sqlite` beside `EvidenceStoreSQLite`.
public final class PolicyStoreSQLite: PolicyStore {
    private let pool: DatabasePool
    public let path: String

    public init(path: String) throws(StoreError) {
        self.path = path
        pool = try SQLiteDatabase.openPool(path: path, durable: true)
    }

    public func prepare() async throws {
        try await SQLiteDatabase.createTables(in: pool, """
            CREATE TABLE IF NOT EXISTS server_policy (
                name TEXT NOT NULL, ledger_index INTEGER NOT NULL, digest TEXT NOT NULL, published REAL NOT NULL,
                published_by TEXT NOT NULL, PRIMARY KEY (name, ledger_index)) WITHOUT ROWID;
            """, path: path, what: "policy")
    }

    public func publish(_ version: PolicyVersion) async throws -> (PolicyVersion, created: Bool) {
        do {
            return try await pool.write { db in
                let existing = try Self.versions(db, version.name)
                if let latest = existing.last, latest.digest == version.digest { return (latest, false) }
                try db.execute(sql: "INSERT OR IGNORE INTO server_policy (name, ledger_index, digest, published, published_by) VALUES (?, ?, ?, ?, ?)",
                               arguments: [version.name, Int64(version.ledgerIndex), version.digest.description,
                                           version.published.timeIntervalSince1970, version.publishedBy])
                let stored = try Self.versions(db, version.name)
                guard let created = stored.first(where: { $0.ledgerIndex == version.ledgerIndex }) else {
                    throw StoreError(.io, "the policy version at ledger index \(version.ledgerIndex) was not stored")
                }
                return (created, true)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot publish the policy")
        }
    }

    public func latest() async throws -> [PolicyVersion] {
        do {
            return try await pool.read { db in
                let names = try String.fetchAll(db, sql: "SELECT DISTINCT name FROM server_policy ORDER BY name")
                return try names.compactMap { try Self.versions(db, $0).last }
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot list the policies")
        }
    }

    public func versions(of name: String) async throws -> [PolicyVersion] {
        do {
            // One statement (atomic by itself), read at every decision and admission: no BEGIN/COMMIT.
            return try await pool.unsafeRead { db in try Self.versions(db, name) }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the policy versions")
        }
    }

    /// Every version of `name`, numbered from 1 in ledger order.
    private static func versions(_ db: Database, _ name: String) throws -> [PolicyVersion] {
        PolicyVersion.numbered(try Row.fetchAll(try db.cachedStatement(sql: "SELECT ledger_index, digest, published, published_by FROM server_policy WHERE name = ?"),
                                                arguments: [name]).map { row in
            PolicyVersion(name: name, version: 0, digest: try Digest(parsing: row[1]), published: Date(timeIntervalSince1970: row[2]),
                          publishedBy: row[3], ledgerIndex: UInt64(max(0, row[0] as Int64)))
        })
    }
}
