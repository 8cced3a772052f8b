import Foundation
import TollgateLedger
import TollgateModel
import TollgateStore

/// Creates, lists, revokes and checks API tokens: the one implementation behind `tollgate token …`
/// and the server's `/v1/tokens` and bearer authentication. Creating and revoking a token appends
/// `token.created` / `token.revoked` to the ledger (never the token or its hash).
public struct TokenAuthority: Sendable {
    public let store: any TokenStore
    public let ledger: Ledger
    public let clock: @Sendable () -> Date

    public init(store: any TokenStore, ledger: Ledger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.ledger = ledger
        self.clock = clock
    }

    /// The ledger payload of a token event.
    public struct Event: Sendable, Codable, Equatable {
        public var schemaVersion = "tollgate.dev/token/v1"
        public let id: String
        public let name: String
        public let role: Role
        public let expires: Date?
    }

    /// A newly created token: the token text (shown once) and what is stored.
    public struct Created: Sendable {
        public let token: APIToken
        public let record: TokenRecord
    }

    /// Creates a token for `name` with `role`, expiring `lifetime` seconds from now (nil: never).
    /// `actor` is who creates it. The record is stored before the ledger entry is appended; a
    /// failed append revokes it again, so no usable token exists without its entry.
    public func create(name: String, role: Role, lifetime: TimeInterval?, actor: String) async throws -> Created {
        guard !name.isEmpty, name.utf8.count <= 200,
              name.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0.properties.generalCategory != .control }) else {
            throw StoreError(.invalidConfiguration, "a token name is 1 to 200 printable characters without spaces")
        }
        if let lifetime, lifetime <= 0 { throw StoreError(.invalidConfiguration, "a token's lifetime must be positive") }
        let now = clock()
        let token = APIToken.generate()
        let record = TokenRecord(id: token.id, name: name, role: role, hash: token.hash, created: now,
                                 expires: lifetime.map { now.addingTimeInterval($0) }, createdBy: actor)
        try await store.insert(record, now: now)
        do {
            _ = try await ledger.append(kind: .tokenCreated, actor: actor, payload: try Self.payload(record))
        } catch {
            _ = try? await store.revoke(id: record.id, at: now)
            throw error
        }
        return Created(token: token, record: record)
    }

    /// Revokes the token `id`; nil when there is none. Revoking twice appends one entry.
    public func revoke(id: String, actor: String) async throws -> TokenRecord? {
        guard let existing = try await store.token(id: id) else { return nil }
        if existing.revoked != nil { return existing }
        guard let revoked = try await store.revoke(id: id, at: clock()) else { return nil }
        _ = try await ledger.append(kind: .tokenRevoked, actor: actor, payload: try Self.payload(revoked))
        return revoked
    }

    public func list() async throws -> [TokenRecord] {
        try await store.tokens()
    }

    /// The active token record a presented bearer token stands for, or nil: not a token, unknown
    /// id, wrong secret, revoked or expired.
    public func authenticate(_ presented: String) async throws -> TokenRecord? {
        guard let token = APIToken(presented: presented), let record = try await store.token(id: token.id) else { return nil }
        guard token.matches(hash: record.hash), record.isActive(at: clock()) else { return nil }
        return record
    }

    static func payload(_ record: TokenRecord) throws -> Data {
        try LedgerJSON.encode(Event(id: record.id, name: record.name, role: record.role, expires: record.expires))
    }
}
