import Foundation

/// What the inventory / ledger remembers about the artifact's package.
public struct HistoryEvidence: Sendable, Hashable {
    /// Provenance of earlier versions of the same package (same purl without version, or same name).
    public var previousBuilds: [PreviousBuild]
    /// When Tollgate first saw each finding; findings not listed are first seen now.
    public var firstSeen: [FindingKey: Date]

    public init(previousBuilds: [PreviousBuild] = [], firstSeen: [FindingKey: Date] = [:]) {
        self.previousBuilds = previousBuilds
        self.firstSeen = firstSeen
    }
}
