import Foundation

/// The durable alert outbox: every alert is stored, once per sink, before any delivery is tried,
/// so a restart keeps what is still pending. Implemented by `AlertOutboxSQLite`
/// (`DIR/server.sqlite`) and `AlertOutboxPostgres` (beside a PostgreSQL ledger); several server
/// processes may share one outbox (a claimed delivery is leased to one of them).
public protocol AlertOutbox: Sendable {
    /// Creates the schema when missing. Idempotent.
    func prepare() async throws

    /// Stores `alert` as one pending delivery per sink, due at `time`, unless an alert of the same
    /// kind and subject was enqueued at or after `dedupeSince`: then it stores nothing and returns
    /// an empty array.
    func enqueue(kind: String, subject: String, alert: Data, sinks: [String], at time: Date, dedupeSince: Date) async throws -> [AlertDelivery]

    /// Claims up to `limit` pending deliveries due at `now`, oldest first: each one's next attempt
    /// moves to `leaseUntil`, so no other process tries it meanwhile (a crash mid-attempt retries it
    /// after the lease).
    func claim(at now: Date, leaseUntil: Date, limit: Int) async throws -> [AlertDelivery]

    /// Records an attempt's outcome: the new status, attempt count, next attempt (pending) and problem.
    func record(id: Int64, status: AlertDeliveryStatus, attempts: Int, nextAttempt: Date, problem: String?, at time: Date) async throws

    /// How many deliveries are in each status.
    func counts() async throws -> [AlertDeliveryStatus: Int]

    /// The newest `limit` deliveries with `status`, newest first.
    func deliveries(status: AlertDeliveryStatus, limit: Int) async throws -> [AlertDelivery]

    /// The earliest next attempt of any pending delivery.
    func nextDue() async throws -> Date?
}
