import Foundation

/// A vulnerability finding: an advisory affecting a component. Part of a `findings.observed` payload.
public struct ObservedFinding: Sendable, Hashable, Codable {
    public var advisory: String
    public var purl: String
    /// When it was first seen, when that is earlier than the entry (a migrated record).
    public var firstSeen: Date?

    public init(advisory: String, purl: String, firstSeen: Date? = nil) {
        self.advisory = advisory
        self.purl = purl
        self.firstSeen = firstSeen
    }
}
