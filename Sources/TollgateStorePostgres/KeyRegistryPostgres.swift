import Foundation
import Logging
import NIOCore
import PostgresNIO
import TollgateModel
import TollgateStore

/// The PostgreSQL implementation of `KeyRegistry`: table `key_registry` in the ledger's schema, so
/// every server replica sharing one database sees one registry.
public final class KeyRegistryPostgres: KeyRegistry {
    public let database: PostgresDatabase
    public let schema: String

    /// Uses `database` (for example the ledger store's) and `schema`.
    public init(database: PostgresDatabase, schema: String = "public") throws(StoreError) {
        guard !schema.isEmpty, schema.count <= 63,
              schema.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw StoreError(.invalidConfiguration, "a schema name is 1–63 characters of a–z, 0–9 and _, found '\(schema.prefix(80))'")
        }
        self.database = database
        self.schema = schema
    }

    private var table: String { "\"\(schema)\".key_registry" }

    public func prepare() async throws {
        let schema = self.schema, table = self.table, logger = database.logger
        do {
            try await database.withTransaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(schema + ".keys")))", logger: logger)
                for statement in [
                    "CREATE SCHEMA IF NOT EXISTS \"\(schema)\"",
                    """
                    CREATE TABLE IF NOT EXISTS \(table) (key_id TEXT PRIMARY KEY, algorithm TEXT NOT NULL, public_key TEXT NOT NULL,
                        owner TEXT NOT NULL, purpose TEXT NOT NULL, valid_from BIGINT NOT NULL, valid_until BIGINT, status TEXT NOT NULL,
                        replaced_by TEXT, revoked_at BIGINT, reason TEXT NOT NULL)
                    """,
                ] {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot create the key registry")
        }
    }

    public func key(id keyID: String) async throws -> KeyRecord? {
        var query = PostgresQuery(unsafeSQL: "\(Self.select) FROM \(table) WHERE key_id = $1")
        query.binds.append(keyID)
        return try await read(query).first
    }

    public func keys() async throws -> [KeyRecord] {
        try await read(PostgresQuery(unsafeSQL: "\(Self.select) FROM \(table) ORDER BY valid_from, key_id"))
    }

    public func save(_ records: [KeyRecord]) async throws {
        let table = self.table, logger = database.logger
        do {
            try await database.withTransaction { connection in
                for record in records {
                    var query = PostgresQuery(unsafeSQL: """
                        INSERT INTO \(table) (key_id, algorithm, public_key, owner, purpose, valid_from, valid_until, status,
                                              replaced_by, revoked_at, reason)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        ON CONFLICT (key_id) DO UPDATE SET algorithm = excluded.algorithm, public_key = excluded.public_key,
                            owner = excluded.owner, purpose = excluded.purpose, valid_from = excluded.valid_from,
                            valid_until = excluded.valid_until, status = excluded.status, replaced_by = excluded.replaced_by,
                            revoked_at = excluded.revoked_at, reason = excluded.reason
                        """)
                    query.binds.append(record.keyID)
                    query.binds.append(record.algorithm)
                    query.binds.append(record.publicKeyPEM)
                    query.binds.append(record.owner)
                    query.binds.append(record.purpose.rawValue)
                    query.binds.append(KeyRecord.milliseconds(record.validFrom))
                    query.binds.append(record.validUntil.map(KeyRecord.milliseconds))
                    query.binds.append(record.status.rawValue)
                    query.binds.append(record.replacedBy)
                    query.binds.append(record.revokedAt.map(KeyRecord.milliseconds))
                    query.binds.append(record.reason)
                    try await connection.query(query, logger: logger)
                }
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot write the key registry")
        }
    }

    private static let select = "SELECT key_id, algorithm, public_key, owner, purpose, valid_from, valid_until, status, replaced_by, revoked_at, reason"

    private func read(_ query: PostgresQuery) async throws -> [KeyRecord] {
        let logger = database.logger
        let rows: [(String, String, String, String, String, Int64, Int64?, String, String?, Int64?, String)]
        do {
            rows = try await database.withConnection { connection in
                var out: [(String, String, String, String, String, Int64, Int64?, String, String?, Int64?, String)] = []
                let sequence = try await connection.query(query, logger: logger)
                    .decode((String, String, String, String, String, Int64, Int64?, String, String?, Int64?, String).self)
                for try await row in sequence { out.append(row) }
                return out
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot read the key registry")
        }
        return try rows.map { row in
            guard let purpose = KeyPurpose(rawValue: row.4), let status = KeyStatus(rawValue: row.7) else {
                throw StoreError(.corrupt, "key registry row \(row.0.prefix(16)) has an unknown purpose or status")
            }
            return KeyRecord(keyID: row.0, algorithm: row.1, publicKeyPEM: row.2, owner: row.3, purpose: purpose,
                             validFrom: KeyRecord.date(milliseconds: row.5), validUntil: row.6.map(KeyRecord.date(milliseconds:)), status: status,
                             replacedBy: row.8, revokedAt: row.9.map(KeyRecord.date(milliseconds:)), reason: row.10)
        }
    }
}
