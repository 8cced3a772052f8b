/// Counts an `AdvisoryStore` reports: advisories, affected-package rows, and advisories per ecosystem.
public struct AdvisoryStoreStatistics: Sendable, Hashable, Codable {
    public let advisories: Int
    public let affectedPackages: Int
    public let byEcosystem: [String: Int]

    public init(advisories: Int, affectedPackages: Int, byEcosystem: [String: Int]) {
        self.advisories = advisories
        self.affectedPackages = affectedPackages
        self.byEcosystem = byEcosystem
    }
}
