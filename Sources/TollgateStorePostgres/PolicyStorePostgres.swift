import Foundation
import PostgresNIO
import TollgateModel
import TollgateStore

/// The PostgreSQL implementation of `PolicyStore`, beside a PostgreSQL ledger (same schema).
public final class PolicyStorePostgres: PolicyStore {
    public let database: PostgresDatabase
    public let schema: String
    private var table: String { "\"\(schema)\".server_policy" }

    public init(database: PostgresDatabase, schema: String = "public") throws(StoreError) {
        self.schema = try PostgresDatabase.checkSchema(schema)
        self.database = database
    }

    public func prepare() async throws {
        try await database.createTables(schema: schema, ["""
            CREATE TABLE IF NOT EXISTS \(table) (name TEXT NOT NULL, ledger_index BIGINT NOT NULL, digest TEXT NOT NULL,
                published DOUBLE PRECISION NOT NULL, published_by TEXT NOT NULL, PRIMARY KEY (name, ledger_index))
            """], "cannot create the policy schema")
    }

    public func publish(_ version: PolicyVersion) async throws -> (PolicyVersion, created: Bool) {
        let schema = self.schema, table = self.table, logger = database.logger
        do {
            return try await database.withTransaction { connection in
                // Publishers of one schema take turns, so "is the newest version this digest?" and the
                // insert are one step across replicas.
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(schema + ".server_policy")))", logger: logger)
                let existing = try await Self.versions(connection, table: table, name: version.name, logger: logger)
                if let latest = existing.last, latest.digest == version.digest { return (latest, false) }
                var insert = PostgresQuery(unsafeSQL: """
                    INSERT INTO \(table) (name, ledger_index, digest, published, published_by) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (name, ledger_index) DO NOTHING
                    """)
                insert.binds.append(version.name)
                insert.binds.append(Int64(version.ledgerIndex))
                insert.binds.append(version.digest.description)
                insert.binds.append(version.published.timeIntervalSince1970)
                insert.binds.append(version.publishedBy)
                try await connection.query(insert, logger: logger)
                let stored = try await Self.versions(connection, table: table, name: version.name, logger: logger)
                guard let created = stored.first(where: { $0.ledgerIndex == version.ledgerIndex }) else {
                    throw StoreError(.io, "the policy version at ledger index \(version.ledgerIndex) was not stored")
                }
                return (created, true)
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot publish the policy")
        }
    }

    public func latest() async throws -> [PolicyVersion] {
        let query = PostgresQuery(unsafeSQL: "SELECT name, ledger_index, digest, published, published_by FROM \(table) ORDER BY name, ledger_index")
        var latest: [String: PolicyVersion] = [:]
        for version in try Self.numbered(try await database.rows(query, "cannot list the policies")) { latest[version.name] = version }
        return latest.values.sorted { $0.name < $1.name }
    }

    public func versions(of name: String) async throws -> [PolicyVersion] {
        var query = PostgresQuery(unsafeSQL: "SELECT name, ledger_index, digest, published, published_by FROM \(table) WHERE name = $1 ORDER BY ledger_index")
        query.binds.append(name)
        return try Self.numbered(try await database.rows(query, "cannot read the policy versions"))
    }

    private static func versions(_ connection: PostgresConnection, table: String, name: String, logger: Logger) async throws -> [PolicyVersion] {
        var query = PostgresQuery(unsafeSQL: "SELECT name, ledger_index, digest, published, published_by FROM \(table) WHERE name = $1 ORDER BY ledger_index")
        query.binds.append(name)
        var rows: [PostgresRow] = []
        for try await row in try await connection.query(query, logger: logger) { rows.append(row) }
        return try numbered(rows)
    }

    /// Rows (name, ledger index, digest, published, by), numbered by `PolicyVersion.numbered`.
    private static func numbered(_ rows: [PostgresRow]) throws -> [PolicyVersion] {
        PolicyVersion.numbered(try rows.map { row in
            let (name, index, digest, published, by) = try row.decode((String, Int64, String, Double, String).self)
            return PolicyVersion(name: name, version: 0, digest: try Digest(parsing: digest),
                                 published: Date(timeIntervalSince1970: published), publishedBy: by, ledgerIndex: UInt64(max(0, index)))
        })
    }
}
