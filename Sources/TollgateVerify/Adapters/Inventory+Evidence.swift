import Foundation
import TollgateInventory

extension Inventory {
    /// Records what a verification saw: the artifact (by its `packageIdentity`) with its provenance and components, and the
    /// first sighting of each finding (remediation SLOs count from it).
    public mutating func record(_ evidence: Evidence, at now: Date) {
        let identity = evidence.packageIdentity
        var version: String?
        if let purl = identity.purl, let at = purl.lastIndex(of: "@") {
            version = String(purl[purl.index(after: at)...]).split(separator: "?").first.map(String.init)
        }
        record(InventoryArtifact(digest: evidence.artifact.digest, name: identity.name, version: version,
                                 purl: identity.purl, firstSeen: now, provenance: evidence.provenance?.facts,
                                 components: evidence.sbom?.components.compactMap(\.purl) ?? []))
        for finding in evidence.scan?.findings ?? [] {
            observeFinding(advisory: finding.id, purl: finding.purl, at: now)
        }
    }
}
