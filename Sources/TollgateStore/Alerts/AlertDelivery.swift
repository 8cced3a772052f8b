import Foundation

/// One alert on its way to one sink: a row of the alert outbox.
public struct AlertDelivery: Sendable, Equatable {
    public let id: Int64
    /// The sink's key (`webhook:HOST#HASH`, `slack:…`, `ledger`): never its URL, which may be a secret.
    public let sink: String
    public let kind: String
    public let subject: String
    /// The alert as JSON (`tollgate.dev/alert/v1`).
    public let alert: Data
    public let status: AlertDeliveryStatus
    public let attempts: Int
    /// When it is tried next (pending), or when it was claimed until (a lease).
    public let nextAttempt: Date
    /// The last attempt's HTTP status or error, when it failed.
    public let problem: String?
    public let created: Date
    public let updated: Date

    public init(id: Int64, sink: String, kind: String, subject: String, alert: Data, status: AlertDeliveryStatus, attempts: Int,
                nextAttempt: Date, problem: String?, created: Date, updated: Date) {
        self.id = id
        self.sink = sink
        self.kind = kind
        self.subject = subject
        self.alert = alert
        self.status = status
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.problem = problem
        self.created = created
        self.updated = updated
    }
}
