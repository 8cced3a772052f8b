import Foundation

/// What the gate records about the advisory database on every decision: its revision, when an
/// import last completed, and how many advisories it holds.
public struct AdvisoryStoreState: Sendable, Hashable {
    /// Changes whenever the stored advisories change (`AdvisoryStore.revision()`).
    public let revision: Int
    /// When an import last completed, or nil when none was recorded (`AdvisoryStore.lastImport()`).
    public let lastImport: Date?
    /// How many advisories are stored (`AdvisoryStore.advisoryCount()`).
    public let advisoryCount: Int

    public init(revision: Int, lastImport: Date?, advisoryCount: Int) {
        self.revision = revision
        self.lastImport = lastImport
        self.advisoryCount = advisoryCount
    }
}
