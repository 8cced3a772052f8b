import Foundation
import TollgateStore

/// A token as `tollgate token list` and `GET /v1/tokens` show it: never the token or its hash.
public struct TokenSummary: Sendable, Codable, Equatable {
    public let id: String
    public let name: String
    public let role: Role
    public let created: Date
    public let expires: Date?
    public let revoked: Date?
    public let createdBy: String
    /// `active`, `expired` or `revoked`.
    public let status: String

    public init(_ record: TokenRecord, now: Date) {
        id = record.id
        name = record.name
        role = record.role
        created = record.created
        expires = record.expires
        revoked = record.revoked
        createdBy = record.createdBy
        status = record.revoked != nil ? "revoked" : (record.isActive(at: now) ? "active" : "expired")
    }
}
