import Foundation
import TollgateStore

/// A created token as `tollgate token create --format json` prints it and `POST /v1/tokens`
/// returns it: exactly `{"token", "id", "role", "expires"}` (`expires` null when it never does).
/// The token is in it once; nothing stores or logs it.
public struct TokenCreatedReport: Sendable, Encodable {
    public let token: String
    public let id: String
    public let role: Role
    public let expires: Date?

    public init(_ created: TokenAuthority.Created) {
        token = created.token.text
        id = created.record.id
        role = created.record.role
        expires = created.record.expires
    }

    enum CodingKeys: String, CodingKey { case token, id, role, expires }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(token, forKey: .token)
        try container.encode(id, forKey: .id)
        try container.encode(role, forKey: .role)
        try container.encode(expires, forKey: .expires)
    }
}
