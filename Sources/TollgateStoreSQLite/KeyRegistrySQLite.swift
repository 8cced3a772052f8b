import Foundation
import GRDB
import TollgateModel
import TollgateStore

/// The SQLite implementation of `KeyRegistry`: `keys.sqlite` in the data directory (WAL,
/// `synchronous = FULL`), so several processes may register and rotate keys at once.
public final class KeyRegistrySQLite: KeyRegistry {
    private let pool: DatabasePool
    public let path: String

    /// The file name used inside a data directory.
    public static let defaultFileName = "keys.sqlite"

    public init(path: String) throws(StoreError) {
        self.path = path
        pool = try SQLiteDatabase.openPool(path: path, durable: true)
    }

    public func prepare() async throws {
        do {
            try await pool.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS key_registry (
                        key_id TEXT PRIMARY KEY, algorithm TEXT NOT NULL, public_key TEXT NOT NULL, owner TEXT NOT NULL,
                        purpose TEXT NOT NULL, valid_from INTEGER NOT NULL, valid_until INTEGER, status TEXT NOT NULL,
                        replaced_by TEXT, revoked_at INTEGER, reason TEXT NOT NULL) WITHOUT ROWID;
                    """)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot create the key registry in '\(path)'")
        }
    }

    public func key(id keyID: String) async throws -> KeyRecord? {
        do {
            return try await pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM key_registry WHERE key_id = ?", arguments: [keyID]).map(Self.record)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the key registry")
        }
    }

    public func keys() async throws -> [KeyRecord] {
        do {
            // One statement (atomic by itself), read at every admission (the cache key's revision): no BEGIN/COMMIT.
            return try await pool.unsafeRead { db in
                try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM key_registry ORDER BY valid_from, key_id")).map(Self.record)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the key registry")
        }
    }

    public func save(_ records: [KeyRecord]) async throws {
        do {
            try await pool.write { db in
                for record in records {
                    try db.execute(sql: """
                        INSERT INTO key_registry (key_id, algorithm, public_key, owner, purpose, valid_from, valid_until, status,
                                                  replaced_by, revoked_at, reason)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (key_id) DO UPDATE SET algorithm = excluded.algorithm, public_key = excluded.public_key,
                            owner = excluded.owner, purpose = excluded.purpose, valid_from = excluded.valid_from,
                            valid_until = excluded.valid_until, status = excluded.status, replaced_by = excluded.replaced_by,
                            revoked_at = excluded.revoked_at, reason = excluded.reason
                        """, arguments: [record.keyID, record.algorithm, record.publicKeyPEM, record.owner, record.purpose.rawValue,
                                         KeyRecord.milliseconds(record.validFrom), record.validUntil.map(KeyRecord.milliseconds),
                                         record.status.rawValue, record.replacedBy, record.revokedAt.map(KeyRecord.milliseconds),
                                         record.reason])
                }
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot write the key registry")
        }
    }

    private static func record(_ row: Row) throws -> KeyRecord {
        guard let purpose = KeyPurpose(rawValue: row["purpose"] ?? ""), let status = KeyStatus(rawValue: row["status"] ?? "") else {
            throw StoreError(.corrupt, "key registry row \(String(describing: row["key_id"] as String?)) has an unknown purpose or status")
        }
        let validUntil: Int64? = row["valid_until"], revokedAt: Int64? = row["revoked_at"]
        return KeyRecord(keyID: row["key_id"], algorithm: row["algorithm"], publicKeyPEM: row["public_key"], owner: row["owner"],
                         purpose: purpose, validFrom: KeyRecord.date(milliseconds: row["valid_from"]), validUntil: validUntil.map(KeyRecord.date(milliseconds:)), status: status,
                         replacedBy: row["replaced_by"], revokedAt: revokedAt.map(KeyRecord.date(milliseconds:)), reason: row["reason"])
    }
}
