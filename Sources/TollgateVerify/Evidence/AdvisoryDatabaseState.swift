import Foundation

/// The advisory database a verdict relies on: its revision and when it was last imported.
public struct AdvisoryDatabaseState: Sendable, Hashable, Codable {
    /// Changes whenever the stored advisories change.
    public let revision: Int
    /// When `tollgate db import` last ran against it; `nil` when never recorded.
    public let importedAt: Date?
    /// How many advisories it holds.
    public let advisories: Int

    package init(revision: Int, importedAt: Date?, advisories: Int) {
        self.revision = revision
        self.importedAt = importedAt
        self.advisories = advisories
    }
}
