import Foundation
import GRDB
import TollgateModel
import TollgateStore

/// The SQLite implementation of `TokenStore`: `DIR/tokens.sqlite`, WAL with `synchronous = FULL`,
/// so a token is usable (and a revocation effective) as soon as the command that wrote it returns.
public final class TokenStoreSQLite: TokenStore {
    private let pool: DatabasePool
    public let path: String

    /// The file name used inside a data directory.
    public static let defaultFileName = "tokens.sqlite"

    public init(path: String) throws(StoreError) {
        self.path = path
        pool = try SQLiteDatabase.openPool(path: path, durable: true)
    }

    public func prepare() async throws {
        try await SQLiteDatabase.createTables(in: pool, """
            CREATE TABLE IF NOT EXISTS api_token (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, hash BLOB NOT NULL,
                created REAL NOT NULL, expires REAL, revoked REAL, created_by TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS api_token_name ON api_token (name);
            """, path: path, what: "token")
    }

    public func insert(_ token: TokenRecord, now: Date) async throws {
        do {
            try await pool.write { db in
                let active = try Row.fetchAll(db, sql: "SELECT id FROM api_token WHERE name = ? AND revoked IS NULL AND (expires IS NULL OR expires > ?)",
                                              arguments: [token.name, now.timeIntervalSince1970])
                if let existing = active.first {
                    throw StoreError(.conflict, "an active token named '\(token.name)' exists (\(existing[0] as String)); revoke it first")
                }
                if try Row.fetchOne(db, sql: "SELECT 1 FROM api_token WHERE id = ?", arguments: [token.id]) != nil {
                    throw StoreError(.conflict, "a token with id \(token.id) exists")
                }
                try db.execute(sql: "INSERT INTO api_token (id, name, role, hash, created, expires, revoked, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [token.id, token.name, token.role.rawValue, Data(token.hash), token.created.timeIntervalSince1970,
                                           token.expires?.timeIntervalSince1970, token.revoked?.timeIntervalSince1970, token.createdBy])
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot store the token")
        }
    }

    public func token(id: String) async throws -> TokenRecord? {
        do {
            // One statement (atomic by itself): no BEGIN/COMMIT around it, and a prepared statement kept by
            // the connection. It runs on every authenticated request.
            return try await pool.unsafeRead { db in
                try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(Self.columns) FROM api_token WHERE id = ?"), arguments: [id])
                    .map(Self.record)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the token")
        }
    }

    public func tokens() async throws -> [TokenRecord] {
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM api_token ORDER BY created, id").map(Self.record)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the tokens")
        }
    }

    public func revoke(id: String, at time: Date) async throws -> TokenRecord? {
        do {
            return try await pool.write { db in
                try db.execute(sql: "UPDATE api_token SET revoked = ? WHERE id = ? AND revoked IS NULL",
                               arguments: [time.timeIntervalSince1970, id])
                return try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM api_token WHERE id = ?", arguments: [id]).map(Self.record)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot revoke the token")
        }
    }

    private static let columns = "id, name, role, hash, created, expires, revoked, created_by"

    private static func record(_ row: Row) throws -> TokenRecord {
        let roleText: String = row[2]
        guard let role = Role(rawValue: roleText) else {
            throw StoreError(.corrupt, "token \(row[0] as String) has the unknown role '\(roleText.prefix(32))'")
        }
        let hash: Data = row[3]
        let expires: Double? = row[5]
        let revoked: Double? = row[6]
        return TokenRecord(id: row[0], name: row[1], role: role, hash: Array(hash),
                           created: Date(timeIntervalSince1970: row[4]), expires: expires.map(Date.init(timeIntervalSince1970:)),
                           revoked: revoked.map(Date.init(timeIntervalSince1970:)), createdBy: row[7])
    }
}
