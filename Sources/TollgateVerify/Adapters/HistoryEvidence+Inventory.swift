import Foundation
import TollgateModel
import TollgateStore

extension HistoryEvidence {
    /// What the inventory remembers about this artifact's package: the provenance of its other
    /// versions, from trusted sources only (a certificate or a trusted signer's statement; a
    /// self-asserted claim must not become the "usual" builder the continuity rule compares with),
    /// and when each current finding was first seen.
    public init(inventory: any InventoryStore, artifact: ArtifactSubject, findings: [VulnerabilityEvidence]) async throws {
        self.init(previousBuilds: try await Self.previousBuilds(inventory: inventory, artifact: artifact),
                  firstSeen: try await Self.firstSeen(inventory: inventory, findings: findings))
    }

    /// The other versions of the artifact's package with trusted provenance (the first half of the
    /// history: it needs only the artifact's identity, so the collector reads it while the SBOM is
    /// read and scanned).
    static func previousBuilds(inventory: any InventoryStore, artifact: ArtifactSubject) async throws -> [PreviousBuild] {
        var previous: [PreviousBuild] = []
        let probe = InventoryArtifactRecord(digest: artifact.digest, name: artifact.name, purl: artifact.purl, time: .distantPast)
        guard let key = probe.packageKey else { return [] }
        let others = try await inventory.artifacts(packageKey: key).filter { $0.digest != artifact.digest }
        let records = others.isEmpty ? [] : try await inventory.provenance(of: others.map(\.digest))
        let trusted = Dictionary(grouping: records.filter { $0.source != .selfAsserted }, by: \.artifact)
        for other in others {
            // Certificate facts win over a statement's claims, as when the gate decided.
            guard let facts = trusted[other.digest]?.sorted(by: { ($0.source == .certificate ? 0 : 1) < ($1.source == .certificate ? 0 : 1) }),
                  !facts.isEmpty else { continue }
            previous.append(PreviousBuild(version: other.version ?? other.purl, digest: other.digest,
                                          sourceRepository: facts.lazy.compactMap(\.repository).first,
                                          builderID: facts.lazy.compactMap(\.builder).first))
        }
        return previous
    }

    /// `previousBuilds` when there is an inventory, else nil.
    static func previousBuilds(ifAny inventory: (any InventoryStore)?, artifact: ArtifactSubject) async throws -> [PreviousBuild]? {
        guard let inventory else { return nil }
        return try await previousBuilds(inventory: inventory, artifact: artifact)
    }

    /// When each current finding was first seen (the second half of the history).
    static func firstSeen(inventory: any InventoryStore, findings: [VulnerabilityEvidence]) async throws -> [FindingKey: Date] {
        var firstSeen: [FindingKey: Date] = [:]
        for finding in findings {
            if let date = try await inventory.firstSeen(advisory: finding.id, purl: finding.purl) { firstSeen[finding.key] = date }
        }
        return firstSeen
    }
}
