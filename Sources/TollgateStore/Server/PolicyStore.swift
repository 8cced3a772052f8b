import Foundation
import TollgateModel

/// Versions of named policies. Implemented by `PolicyStoreSQLite` (`DIR/server.sqlite`) and
/// `PolicyStorePostgres`.
public protocol PolicyStore: Sendable {
    /// Creates the schema when missing. Idempotent.
    func prepare() async throws

    /// Adds a version (its `version` is ignored: versions are numbered in ledger-index order).
    /// Publishing the digest of the newest version again returns that version and adds nothing;
    /// publishing an older document again makes it a new version.
    func publish(_ version: PolicyVersion) async throws -> (PolicyVersion, created: Bool)

    /// The newest version of each policy, by name.
    func latest() async throws -> [PolicyVersion]

    /// Every version of `name`, oldest first.
    func versions(of name: String) async throws -> [PolicyVersion]
}
