import Foundation
import GRDB
import TollgateModel
import TollgateStore

/// The SQLite implementation of `AlertOutbox`, in `DIR/server.sqlite` beside `EvidenceStoreSQLite`
/// (WAL, `synchronous = FULL`: an enqueued alert survives a crash).
public final class AlertOutboxSQLite: AlertOutbox {
    private let pool: DatabasePool
    public let path: String

    public init(path: String) throws(StoreError) {
        self.path = path
        pool = try SQLiteDatabase.openPool(path: path, durable: true)
    }

    public func prepare() async throws {
        try await SQLiteDatabase.createTables(in: pool, """
            CREATE TABLE IF NOT EXISTS alert_outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT, sink TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL,
                alert TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt INTEGER NOT NULL,
                problem TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS alert_outbox_due ON alert_outbox (status, next_attempt);
            CREATE INDEX IF NOT EXISTS alert_outbox_key ON alert_outbox (kind, subject, created);
            """, path: path, what: "alert outbox")
    }

    public func enqueue(kind: String, subject: String, alert: Data, sinks: [String], at time: Date, dedupeSince: Date) async throws -> [AlertDelivery] {
        let now = KeyRecord.milliseconds(time), since = KeyRecord.milliseconds(dedupeSince), text = String(decoding: alert, as: UTF8.self)
        do {
            return try await pool.write { db in
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM alert_outbox WHERE kind = ? AND subject = ? AND created >= ?)",
                                     arguments: [kind, subject, since]) == true { return [] }
                var out: [AlertDelivery] = []
                for sink in sinks {
                    try db.execute(sql: """
                        INSERT INTO alert_outbox (sink, kind, subject, alert, status, attempts, next_attempt, problem, created, updated)
                        VALUES (?, ?, ?, ?, 'pending', 0, ?, NULL, ?, ?)
                        """, arguments: [sink, kind, subject, text, now, now, now])
                    out.append(AlertDelivery(id: db.lastInsertedRowID, sink: sink, kind: kind, subject: subject, alert: alert, status: .pending,
                                             attempts: 0, nextAttempt: time, problem: nil, created: KeyRecord.date(milliseconds: now),
                                             updated: KeyRecord.date(milliseconds: now)))
                }
                return out
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot store the alert")
        }
    }

    public func claim(at now: Date, leaseUntil: Date, limit: Int) async throws -> [AlertDelivery] {
        let due = KeyRecord.milliseconds(now), lease = KeyRecord.milliseconds(leaseUntil)
        do {
            return try await pool.write { db in
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM alert_outbox WHERE status = 'pending' AND next_attempt <= ? ORDER BY next_attempt, id LIMIT ?",
                                            arguments: [due, max(0, limit)])
                for row in rows {
                    try db.execute(sql: "UPDATE alert_outbox SET next_attempt = ? WHERE id = ?", arguments: [lease, row["id"] as Int64])
                }
                return try rows.map(Self.delivery)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the alert outbox")
        }
    }

    public func record(id: Int64, status: AlertDeliveryStatus, attempts: Int, nextAttempt: Date, problem: String?, at time: Date) async throws {
        do {
            try await pool.write { db in
                try db.execute(sql: "UPDATE alert_outbox SET status = ?, attempts = ?, next_attempt = ?, problem = ?, updated = ? WHERE id = ?",
                               arguments: [status.rawValue, attempts, KeyRecord.milliseconds(nextAttempt), problem, KeyRecord.milliseconds(time), id])
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot update the alert outbox")
        }
    }

    public func counts() async throws -> [AlertDeliveryStatus: Int] {
        do {
            return try await pool.read { db in
                var counts: [AlertDeliveryStatus: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM alert_outbox GROUP BY status") {
                    if let status = AlertDeliveryStatus(rawValue: row[0]) { counts[status] = row[1] }
                }
                return counts
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the alert outbox")
        }
    }

    public func deliveries(status: AlertDeliveryStatus, limit: Int) async throws -> [AlertDelivery] {
        do {
            return try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM alert_outbox WHERE status = ? ORDER BY updated DESC, id DESC LIMIT ?",
                                 arguments: [status.rawValue, max(0, limit)]).map(Self.delivery)
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the alert outbox")
        }
    }

    public func nextDue() async throws -> Date? {
        do {
            return try await pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT MIN(next_attempt) FROM alert_outbox WHERE status = 'pending'").map(KeyRecord.date(milliseconds:))
            }
        } catch {
            throw SQLiteDatabase.storeError(error, "cannot read the alert outbox")
        }
    }

    private static func delivery(_ row: Row) throws -> AlertDelivery {
        guard let status = AlertDeliveryStatus(rawValue: row["status"] ?? "") else {
            throw StoreError(.corrupt, "alert outbox row \(row["id"] as Int64? ?? -1) has an unknown status")
        }
        return AlertDelivery(id: row["id"], sink: row["sink"], kind: row["kind"], subject: row["subject"],
                             alert: Data((row["alert"] as String? ?? "").utf8), status: status, attempts: row["attempts"],
                             nextAttempt: KeyRecord.date(milliseconds: row["next_attempt"]), problem: row["problem"],
                             created: KeyRecord.date(milliseconds: row["created"]), updated: KeyRecord.date(milliseconds: row["updated"]))
    }
}
