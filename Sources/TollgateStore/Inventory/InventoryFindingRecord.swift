import Foundation

/// A vulnerability finding seen at `time`; the store keeps the first sighting (remediation SLOs
/// count from it).
public struct InventoryFindingRecord: Sendable, Hashable, Codable {
    public var advisory: String
    public var purl: String
    public var time: Date

    public init(advisory: String, purl: String, time: Date) {
        self.advisory = advisory
        self.purl = purl
        self.time = time
    }
}
