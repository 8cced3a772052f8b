import Foundation
import PostgresNIO
import TollgateModel
import TollgateStore

/// The PostgreSQL implementation of `AlertOutbox`, beside a PostgreSQL ledger (same schema): every
/// replica sees one outbox, and `claim` skips rows another replica has locked.
public final class AlertOutboxPostgres: AlertOutbox {
    public let database: PostgresDatabase
    public let schema: String
    private var table: String { "\"\(schema)\".alert_outbox" }
    private static let columns = "id, sink, kind, subject, alert, status, attempts, next_attempt, problem, created, updated"

    public init(database: PostgresDatabase, schema: String = "public") throws(StoreError) {
        self.schema = try PostgresDatabase.checkSchema(schema)
        self.database = database
    }

    public func prepare() async throws {
        try await database.createTables(schema: schema, [
            """
            CREATE TABLE IF NOT EXISTS \(table) (id BIGSERIAL PRIMARY KEY, sink TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL,
                alert TEXT NOT NULL, status TEXT NOT NULL, attempts BIGINT NOT NULL, next_attempt BIGINT NOT NULL, problem TEXT,
                created BIGINT NOT NULL, updated BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS alert_outbox_due ON \(table) (status, next_attempt)",
            "CREATE INDEX IF NOT EXISTS alert_outbox_key ON \(table) (kind, subject, created)",
        ], "cannot create the alert outbox")
    }

    public func enqueue(kind: String, subject: String, alert: Data, sinks: [String], at time: Date, dedupeSince: Date) async throws -> [AlertDelivery] {
        let schema = self.schema, table = self.table, logger = database.logger
        let now = KeyRecord.milliseconds(time), since = KeyRecord.milliseconds(dedupeSince), text = String(decoding: alert, as: UTF8.self)
        do {
            return try await database.withTransaction { connection in
                // Replicas raising the same alert take turns, so "was it sent lately?" and the insert are one step.
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(schema + ".alert:" + kind + "\u{1}" + subject)))", logger: logger)
                var exists = PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table) WHERE kind = $1 AND subject = $2 AND created >= $3 LIMIT 1")
                exists.binds.append(kind)
                exists.binds.append(subject)
                exists.binds.append(since)
                var found = false
                for try await _ in try await connection.query(exists, logger: logger) { found = true }
                if found { return [] }
                var out: [AlertDelivery] = []
                for sink in sinks {
                    var insert = PostgresQuery(unsafeSQL: """
                        INSERT INTO \(table) (sink, kind, subject, alert, status, attempts, next_attempt, problem, created, updated)
                        VALUES ($1, $2, $3, $4, 'pending', 0, $5, NULL, $5, $5) RETURNING id
                        """)
                    insert.binds.append(sink)
                    insert.binds.append(kind)
                    insert.binds.append(subject)
                    insert.binds.append(text)
                    insert.binds.append(now)
                    for try await id in try await connection.query(insert, logger: logger).decode(Int64.self) {
                        out.append(AlertDelivery(id: id, sink: sink, kind: kind, subject: subject, alert: alert, status: .pending, attempts: 0,
                                                 nextAttempt: time, problem: nil, created: KeyRecord.date(milliseconds: now),
                                                 updated: KeyRecord.date(milliseconds: now)))
                    }
                }
                return out
            }
        } catch {
            throw PostgresDatabase.storeError(error, "cannot store the alert")
        }
    }

    public func claim(at now: Date, leaseUntil: Date, limit: Int) async throws -> [AlertDelivery] {
        var query = PostgresQuery(unsafeSQL: """
            UPDATE \(table) SET next_attempt = $2 WHERE id IN (
                SELECT id FROM \(table) WHERE status = 'pending' AND next_attempt <= $1 ORDER BY next_attempt, id LIMIT $3
                FOR UPDATE SKIP LOCKED)
            RETURNING \(Self.columns)
            """)
        query.binds.append(KeyRecord.milliseconds(now))
        query.binds.append(KeyRecord.milliseconds(leaseUntil))
        query.binds.append(Int64(max(0, limit)))
        return try Self.deliveries(try await database.rows(query, "cannot read the alert outbox"))
            .sorted { ($0.created, $0.id) < ($1.created, $1.id) }
    }

    public func record(id: Int64, status: AlertDeliveryStatus, attempts: Int, nextAttempt: Date, problem: String?, at time: Date) async throws {
        var query = PostgresQuery(unsafeSQL: "UPDATE \(table) SET status = $1, attempts = $2, next_attempt = $3, problem = $4, updated = $5 WHERE id = $6")
        query.binds.append(status.rawValue)
        query.binds.append(Int64(attempts))
        query.binds.append(KeyRecord.milliseconds(nextAttempt))
        query.binds.append(problem)
        query.binds.append(KeyRecord.milliseconds(time))
        query.binds.append(id)
        _ = try await database.rows(query, "cannot update the alert outbox")
    }

    public func counts() async throws -> [AlertDeliveryStatus: Int] {
        var counts: [AlertDeliveryStatus: Int] = [:]
        for row in try await database.rows(PostgresQuery(unsafeSQL: "SELECT status, COUNT(*) FROM \(table) GROUP BY status"), "cannot read the alert outbox") {
            let (status, count) = try row.decode((String, Int64).self)
            if let status = AlertDeliveryStatus(rawValue: status) { counts[status] = Int(count) }
        }
        return counts
    }

    public func deliveries(status: AlertDeliveryStatus, limit: Int) async throws -> [AlertDelivery] {
        var query = PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM \(table) WHERE status = $1 ORDER BY updated DESC, id DESC LIMIT $2")
        query.binds.append(status.rawValue)
        query.binds.append(Int64(max(0, limit)))
        return try Self.deliveries(try await database.rows(query, "cannot read the alert outbox"))
    }

    public func nextDue() async throws -> Date? {
        let rows = try await database.rows(PostgresQuery(unsafeSQL: "SELECT MIN(next_attempt) FROM \(table) WHERE status = 'pending'"),
                                           "cannot read the alert outbox")
        return try rows.first?.decode(Int64?.self).map(KeyRecord.date(milliseconds:))
    }

    private static func deliveries(_ rows: [PostgresRow]) throws -> [AlertDelivery] {
        try rows.map { row in
            let (id, sink, kind, subject, alert, status, attempts, next, problem, created, updated) =
                try row.decode((Int64, String, String, String, String, String, Int64, Int64, String?, Int64, Int64).self)
            guard let status = AlertDeliveryStatus(rawValue: status) else {
                throw StoreError(.corrupt, "alert outbox row \(id) has an unknown status")
            }
            return AlertDelivery(id: id, sink: sink, kind: kind, subject: subject, alert: Data(alert.utf8), status: status, attempts: Int(attempts),
                                 nextAttempt: KeyRecord.date(milliseconds: next), problem: problem,
                                 created: KeyRecord.date(milliseconds: created), updated: KeyRecord.date(milliseconds: updated))
        }
    }
}
