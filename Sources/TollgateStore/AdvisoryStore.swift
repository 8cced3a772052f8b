import Foundation

/// Durable storage for imported vulnerability advisories, indexed by (ecosystem, package) for scanning.
///
/// Implemented by `AdvisoryStoreSQLite`. Range and version data are opaque to the store: the vulnerability
/// module encodes and evaluates them. A scan reads with `affected(packages:)` and `advisories(ids:)`, an
/// import writes with `apply(_:)`.
public protocol AdvisoryStore: Sendable {
    /// Creates the schema when missing. Idempotent.
    func prepare() async throws

    /// The content digest of every stored advisory, by id, so an import can skip unchanged records.
    func contentDigests() async throws -> [String: String]

    /// Inserts or replaces `upserts` (with their affected packages) and deletes `deletions`, in one transaction.
    func apply(_ change: AdvisoryStoreChange) async throws

    /// Every affected-package row for the given packages.
    func affected(packages: Set<AdvisoryStorePackageKey>) async throws -> [AdvisoryStoreAffected]

    /// The advisories with the given ids (absent ids are omitted).
    func advisories(ids: Set<String>) async throws -> [String: AdvisoryStoreRecord]

    /// A number that changes whenever `apply(_:)` changes the data, so a scanner can keep a warm cache.
    func revision() async throws -> Int

    /// When an import last completed (by the importer's clock), or nil when none was recorded. The gate's
    /// `maxDatabaseAge` rule reads it: scans must rely on up-to-date databases.
    func lastImport() async throws -> Date?

    /// Records that an import completed at `time` (even one that changed nothing: the data is current).
    func recordImport(at time: Date) async throws

    /// How many advisories are stored (cheap: the gate asks on every decision).
    func advisoryCount() async throws -> Int

    /// Counts for `tollgate db stats`.
    func statistics() async throws -> AdvisoryStoreStatistics

    /// Revision, last import and advisory count as one consistent reading (the gate asks on every
    /// decision and records them as its `AdvisoryDatabaseState`).
    func state() async throws -> (revision: Int, lastImport: Date?, advisoryCount: Int)

    /// Every affected-package row of the given advisories (an incident asks "what does this advisory
    /// affect?", the reverse of a scan's lookup by package).
    func affected(advisories ids: Set<String>) async throws -> [AdvisoryStoreAffected]

    /// The ids of the advisories that list `alias` among their aliases (a CVE id names the GHSA,
    /// PYSEC and distribution advisories that describe it), matched without regard to case.
    func advisoryIDs(aliasing alias: String) async throws -> [String]
}

extension AdvisoryStore {
    /// Three separate reads; a store that can answer in one read overrides this.
    public func state() async throws -> (revision: Int, lastImport: Date?, advisoryCount: Int) {
        (try await revision(), try await lastImport(), try await advisoryCount())
    }
}
