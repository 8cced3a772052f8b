import Foundation

/// Durable storage for API tokens (hashes only). Implemented by `TokenStoreSQLite`
/// (`DIR/tokens.sqlite`) and `TokenStorePostgres` (beside a PostgreSQL ledger).
///
/// Several processes may share one store: `tollgate token create` writes while servers read.
public protocol TokenStore: Sendable {
    /// Creates the schema when missing. Idempotent.
    func prepare() async throws

    /// Stores a new token. Throws `store.conflict` when the id exists or an active token (not
    /// revoked, not expired at `now`) already has the name: a name is one principal.
    func insert(_ token: TokenRecord, now: Date) async throws

    /// The token with `id`, active or not.
    func token(id: String) async throws -> TokenRecord?

    /// Every token, oldest first.
    func tokens() async throws -> [TokenRecord]

    /// Marks the token revoked at `time` and returns it; nil when there is no such token. Revoking
    /// a revoked token returns it unchanged.
    func revoke(id: String, at time: Date) async throws -> TokenRecord?
}
