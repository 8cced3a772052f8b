import Foundation

/// When Tollgate first saw an advisory affect a component: remediation SLOs count from here.
public struct FindingObservation: Sendable, Hashable, Codable {
    public var advisory: String
    public var purl: String
    public var firstSeen: Date

    public init(advisory: String, purl: String, firstSeen: Date) {
        self.advisory = advisory
        self.purl = purl
        self.firstSeen = firstSeen
    }
}
