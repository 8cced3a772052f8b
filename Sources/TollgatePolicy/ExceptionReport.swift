import Foundation

/// The exceptions of one or more policies with their status at one instant: what
/// `tollgate exceptions list` prints and `GET /v1/exceptions` returns (`tollgate.dev/exceptions/v1`).
public struct ExceptionReport: Sendable, Encodable {
    public var schemaVersion = "tollgate.dev/exceptions/v1"
    public let now: Date
    /// Soonest expiry first.
    public let exceptions: [Entry]

    public struct Entry: Sendable, Encodable {
        public let policy: String
        public let id: String
        public let owner: String
        public let reason: String
        public let compensatingControl: String?
        public let scope: String
        public let match: ExceptionMatch
        public let granted: Date?
        public let expires: Date
        /// `expired`, `expiring` (within the window, or 14 days without one) or `active`.
        public let status: String
        public let daysLeft: Int
        public let location: String?
    }

    /// The exceptions of `policies` at `now`; with `expiringWithin`, only those expiring within it
    /// (expired ones included).
    public init(policies: [Policy], now: Date, expiringWithin window: PolicyDuration? = nil) {
        var entries: [Entry] = []
        for policy in policies {
            for exception in policy.exceptions {
                let left = exception.expires.timeIntervalSince(now)
                if let window, left > window.seconds { continue }
                let status = left <= 0 ? "expired" : (left <= (window?.seconds ?? 14 * 86_400) ? "expiring" : "active")
                entries.append(Entry(policy: policy.name, id: exception.id, owner: exception.owner, reason: exception.reason,
                                     compensatingControl: exception.compensatingControl, scope: exception.scope.rawValue,
                                     match: exception.match, granted: exception.granted, expires: exception.expires,
                                     status: status, daysLeft: Int((left / 86_400).rounded(.down)),
                                     location: exception.location?.description))
            }
        }
        self.now = now
        exceptions = entries.sorted { $0.expires < $1.expires }
    }
}
