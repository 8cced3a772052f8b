import Foundation

/// An API token as the token store keeps it: never the token, only its SHA-256.
public struct TokenRecord: Sendable, Hashable, Codable {
    /// The public identifier (part of the token, printed by `token list`, logged).
    public var id: String
    /// Who holds it; the `actor` of every ledger entry its requests cause.
    public var name: String
    public var role: Role
    /// SHA-256 of the whole token string.
    public var hash: [UInt8]
    public var created: Date
    /// When it stops working; nil for never.
    public var expires: Date?
    /// When it was revoked, if it was.
    public var revoked: Date?
    /// Who created it (the CLI's ledger key or the admin token's name).
    public var createdBy: String

    public init(id: String, name: String, role: Role, hash: [UInt8], created: Date, expires: Date?,
                revoked: Date? = nil, createdBy: String) {
        self.id = id
        self.name = name
        self.role = role
        self.hash = hash
        self.created = created
        self.expires = expires
        self.revoked = revoked
        self.createdBy = createdBy
    }

    /// Whether the token authenticates at `now`: not revoked and not expired.
    public func isActive(at now: Date) -> Bool {
        revoked == nil && (expires.map { now < $0 } ?? true)
    }
}
