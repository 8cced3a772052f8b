import Foundation
import NIOCore
import PostgresNIO
import TollgateModel
import TollgateStore

/// The PostgreSQL implementation of `TokenStore`, beside a PostgreSQL ledger (same schema), so
/// every server replica sees a token or a revocation as soon as it is committed.
public final class TokenStorePostgres: TokenStore {
    public let database: PostgresDatabase
    public let schema: String
    private var table: String { "\"\(schema)\".api_token" }

    public init(database: PostgresDatabase, schema: String = "public") throws(StoreError) {
        self.schema = try PostgresDatabase.checkSchema(schema)
        self.database = database
    }

    public func prepare() async throws {
        try await database.createTables(schema: schema, [
            """
            CREATE TABLE IF NOT EXISTS \(table) (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,
                hash BYTEA NOT NULL, created DOUBLE PRECISION NOT NULL, expires DOUBLE PRECISION,
                revoked DOUBLE PRECISION, created_by TEXT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS api_token_name ON \(table) (name)",
        ], "cannot create the token schema")
    }

    public func insert(_ token: TokenRecord, now: Date) async throws {
        let schema = self.schema, table = self.table, logger = database.logger
        do {
            try await database.withTransaction { connection in
                // One writer per schema at a time: the active-name check and the insert are one step.
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(schema + ".api_token")))", logger: logger)
                var check = PostgresQuery(unsafeSQL: "SELECT id FROM \(table) WHERE id = $1 OR (name = $2 AND revoked IS NULL AND (expires IS NULL OR expires > $3))")
                check.binds.append(token.id)
                check.binds.append(token.name)
                check.binds.append(now.timeIntervalSince1970)
                for try await id in try await connection.query(check, logger: logger).decode(String.self) {
                    throw StoreError(.conflict, id == token.id ? "a token with id \(id) exists"
                                                              : "an active token named '\(token.name)' exists (\(id)); revoke it first")
                }
                var insert = PostgresQuery(unsafeSQL: "INSERT INTO \(table) (id, name, role, hash, created, expires, revoked, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                insert.binds.append(token.id)
                insert.binds.append(token.name)
                insert.binds.append(token.role.rawValue)
                insert.binds.append(ByteBuffer(bytes: token.hash))
                insert.binds.append(token.created.timeIntervalSince1970)
                insert.binds.append(token.expires?.timeIntervalSince1970)
                insert.binds.append(token.revoked?.timeIntervalSince1970)
                insert.binds.append(token.createdBy)
                try await connection.query(insert, logger: logger)
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot store the token")
        }
    }

    private var columns: String { "id, name, role, hash, created, expires, revoked, created_by" }

    public func token(id: String) async throws -> TokenRecord? {
        var query = PostgresQuery(unsafeSQL: "SELECT \(columns) FROM \(table) WHERE id = $1")
        query.binds.append(id)
        return try await database.rows(query, "cannot read the token").map(Self.record).first
    }

    public func tokens() async throws -> [TokenRecord] {
        try await database.rows(PostgresQuery(unsafeSQL: "SELECT \(columns) FROM \(table) ORDER BY created, id"),
                                "cannot read the tokens").map(Self.record)
    }

    public func revoke(id: String, at time: Date) async throws -> TokenRecord? {
        var query = PostgresQuery(unsafeSQL: """
            UPDATE \(table) SET revoked = COALESCE(revoked, $2) WHERE id = $1 RETURNING \(columns)
            """)
        query.binds.append(id)
        query.binds.append(time.timeIntervalSince1970)
        return try await database.rows(query, "cannot revoke the token").map(Self.record).first
    }

    private static func record(_ row: PostgresRow) throws -> TokenRecord {
        let (id, name, roleText, hash, created, expires, revoked, createdBy) =
            try row.decode((String, String, String, ByteBuffer, Double, Double?, Double?, String).self)
        guard let role = Role(rawValue: roleText) else {
            throw StoreError(.corrupt, "token \(id) has the unknown role '\(roleText.prefix(32))'")
        }
        return TokenRecord(id: id, name: name, role: role, hash: Array(hash.readableBytesView),
                           created: Date(timeIntervalSince1970: created), expires: expires.map(Date.init(timeIntervalSince1970:)),
                           revoked: revoked.map(Date.init(timeIntervalSince1970:)), createdBy: createdBy)
    }
}
