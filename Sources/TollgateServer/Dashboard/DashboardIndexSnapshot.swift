import Foundation
import TollgateInventory
import TollgateModel

/// What `DashboardIndex` has read from the ledger's first `size` entries: every stored property
/// the index builds from entries, so a restarted server reads only the entries appended since
/// (`DashboardIndexSnapshotFile` keeps it on disk, signed and tied to the ledger's root hash).
///
/// A property added to the index must be added here too and `DashboardIndexSnapshotFile.version`
/// raised (a test compares this type's properties with the index's). The decisions per artifact are
/// left out: `restore` derives them from `decisions` (decoding them was a fifth of taking a snapshot).
struct DashboardIndexSnapshot: Codable, Sendable {
    var size: UInt64
    var skipped: Int
    var artifacts: [DashboardIndex.Artifact]
    var decisions: [DashboardIndex.DecisionSummary]
    var decisionsPerDay: [String: [String: Int]]
    var deployments: [String: DashboardIndex.Deployment]
    var findings: [Digest: Set<DashboardIndex.FindingKey>]
    var findingHistory: [String: [String: Int]]
    var openPerAdvisory: [String: Int]
    var exceptions: [String: DashboardIndex.CoveringException]
    var covered: [String: Set<Digest>]
    var rebuilds: [Digest: [RebuildVerdict]]
    var denialCount: Int
    var fixed: [Digest: [DashboardIndex.FindingKey: Date]]
    var codeOwners: [Digest: RecordedCodeOwners]

    /// Why a decoded snapshot cannot be what the index wrote: an artifact listed twice, or more
    /// records than entries read (checked before the index takes it; nil when consistent).
    var inconsistency: String? {
        if Set(artifacts.map(\.digest)).count != artifacts.count { return "an artifact is listed twice" }
        if UInt64(decisions.count) > size || UInt64(artifacts.count) > size { return "more records than the \(size) entries read" }
        return nil
    }
}
