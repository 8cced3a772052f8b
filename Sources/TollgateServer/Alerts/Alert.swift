import Foundation

/// Something a person should hear about (docs/dashboard.md#alerts): its kind, what it is about
/// (deduplication is by kind and subject), one line for people, and details as strings.
public struct Alert: Sendable, Hashable, Codable {
    public static let schemaVersion = "tollgate.dev/alert/v1"

    public var schemaVersion = Alert.schemaVersion
    /// `decision.denied`, `verification.failed`, `exception.expiring`, …
    public let kind: String
    /// The artifact digest, exception id or slot the alert is about.
    public let subject: String
    public let summary: String
    public let details: [String: String]
    public let time: Date

    public init(kind: String, subject: String, summary: String, details: [String: String] = [:], time: Date = Date()) {
        self.kind = kind
        self.subject = subject
        self.summary = summary
        self.details = details
        self.time = time
    }
}
