import Foundation
import TollgateInventory
import TollgateModel

extension HistoryEvidence {
    /// What the inventory remembers about this artifact's package: the provenance of its other
    /// versions and when each current finding was first seen.
    public init(inventory: Inventory, artifact: ArtifactSubject, findings: [VulnerabilityEvidence]) {
        let probe = InventoryArtifact(digest: artifact.digest, name: artifact.name, purl: artifact.purl, firstSeen: .distantPast)
        let previous = inventory.previousVersions(of: probe)
            .filter { $0.provenance != nil }
            .map { PreviousBuild(version: $0.version ?? $0.purl, digest: $0.digest,
                                 sourceRepository: $0.provenance?.sourceRepository, builderID: $0.provenance?.builderID) }
        var firstSeen: [FindingKey: Date] = [:]
        for finding in findings {
            if let date = inventory.firstSeen(advisory: finding.id, purl: finding.purl) { firstSeen[finding.key] = date }
        }
        self.init(previousBuilds: previous, firstSeen: firstSeen)
    }
}
