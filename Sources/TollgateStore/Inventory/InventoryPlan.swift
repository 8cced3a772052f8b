import Foundation
import TollgateModel

/// An `InventoryBatch` merged in memory before it is written, the same way for every store:
/// one entry per artifact, fact, deployment row and slot, each already the order-independent
/// merge of the batch's sightings, and sorted by key (so concurrent writers lock rows in one
/// order). The stores then merge each entry with what is stored.
public struct InventoryPlan: Sendable {
    public struct Artifact: Sendable {
        public var digest: Digest
        public var key: [UInt8]
        public var state: InventoryStoreSupport.ArtifactState
    }

    public struct SBOM: Sendable {
        public var artifactKey: [UInt8]
        public var document: [UInt8]
        public var format: String
        public var components: [InventoryComponentRecord]
    }

    public struct Provenance: Sendable {
        public var artifactKey: [UInt8]
        public var factKey: [UInt8]
        public var record: InventoryProvenanceRecord
        public var time: Double
    }

    public struct Signature: Sendable {
        public var artifactKey: [UInt8]
        public var factKey: [UInt8]
        public var record: InventorySignatureRecord
        public var time: Double
    }

    public struct Decision: Sendable {
        public var artifactKey: [UInt8]
        public var factKey: [UInt8]
        public var record: InventoryDecisionRecord
    }

    /// A slot and the latest of the batch's sightings in it.
    public struct Slot: Sendable {
        public var key: String
        public var environment: String
        public var cluster: String?
        public var namespace: String?
        public var service: String?
        public var latest: InventoryStoreSupport.SlotLatest
    }

    /// One deployment row (slot + digest or reference) merged over the batch's sightings.
    public struct Deployment: Sendable {
        public var slotKey: String
        public var key: String
        public var digest: Digest?
        public var digestKey: [UInt8]?
        public var reference: InventoryStoreSupport.Sighted
        public var firstSeen: Double
        public var lastSeen: Double
    }

    public struct Tag: Sendable, Hashable {
        public var repository: String
        public var tag: String
        public var time: Double
        public var digestKey: [UInt8]
    }

    public struct Finding: Sendable {
        public var advisory: String
        public var purl: String
        public var firstSeen: Double
    }

    public var artifacts: [Artifact] = []
    public var sboms: [SBOM] = []
    public var provenance: [Provenance] = []
    public var signatures: [Signature] = []
    public var decisions: [Decision] = []
    public var slots: [Slot] = []
    public var deployments: [Deployment] = []
    public var tags: [Tag] = []
    public var findings: [Finding] = []
    public var exceptionEvents: [String] = []

    /// Digests whose running-deployment status may change: every artifact and deployment digest.
    public var affectedDigestKeys: [[UInt8]] = []

    public init(_ batch: InventoryBatch) {
        typealias Support = InventoryStoreSupport
        var artifacts: [[UInt8]: Artifact] = [:]
        func sight(_ digest: Digest, _ state: Support.ArtifactState) -> [UInt8] {
            let key = Support.key(digest)
            if artifacts[key] != nil {
                artifacts[key]?.state.merge(state)
            } else {
                artifacts[key] = Artifact(digest: digest, key: key, state: state)
            }
            return key
        }
        for record in batch.artifacts { _ = sight(record.digest, Support.ArtifactState(record)) }

        var sboms: [[UInt8]: SBOM] = [:]
        for record in batch.sboms {
            let artifact = sight(record.artifact, Support.ArtifactState(sightingAt: Support.time(record.time)))
            let document = Support.key(record.document)
            let key = artifact + document
            if sboms[key] == nil {
                sboms[key] = SBOM(artifactKey: artifact, document: document, format: record.format, components: record.components)
            }
        }
        self.sboms = sboms.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)

        var provenance: [[UInt8]: Provenance] = [:]
        for record in batch.provenance {
            let time = Support.time(record.time)
            let artifact = sight(record.artifact, Support.ArtifactState(sightingAt: time))
            let fact = Support.provenanceKey(record)
            let key = artifact + fact
            if let existing = provenance[key], existing.time <= time { continue }
            provenance[key] = Provenance(artifactKey: artifact, factKey: fact, record: record, time: time)
        }
        self.provenance = provenance.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)

        var signatures: [[UInt8]: Signature] = [:]
        for record in batch.signatures {
            let time = Support.time(record.time)
            let artifact = sight(record.artifact, Support.ArtifactState(sightingAt: time))
            let fact = Support.signatureKey(record)
            let key = artifact + fact
            if let existing = signatures[key], existing.time <= time { continue }
            signatures[key] = Signature(artifactKey: artifact, factKey: fact, record: record, time: time)
        }
        self.signatures = signatures.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)

        var decisions: [[UInt8]: Decision] = [:]
        for record in batch.decisions {
            let artifact = sight(record.artifact, Support.ArtifactState(sightingAt: Support.time(record.time)))
            let fact = Support.decisionKey(record)
            decisions[artifact + fact] = Decision(artifactKey: artifact, factKey: fact, record: record)
        }
        self.decisions = decisions.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.value)

        var affected = Set(artifacts.keys)
        var slots: [String: Slot] = [:]
        var deployments: [String: Deployment] = [:]
        for record in batch.deployments {
            let slotKey = Support.slotKey(record)
            let key = Support.deploymentKey(record)
            let time = Support.time(record.time)
            let latest = Support.SlotLatest(time: time, key: key, running: record.running)
            if let slot = slots[slotKey] {
                if slot.latest.isReplaced(by: latest) { slots[slotKey]?.latest = latest }
            } else {
                slots[slotKey] = Slot(key: slotKey, environment: record.environment, cluster: record.cluster,
                                      namespace: record.namespace, service: record.service, latest: latest)
            }
            guard Support.createsRow(record) else { continue }
            let reference = Support.Sighted(value: record.reference, time: time)
            let rowKey = slotKey + "\u{0}" + key
            if var row = deployments[rowKey] {
                row.reference.merge(reference)
                row.firstSeen = min(row.firstSeen, time)
                row.lastSeen = max(row.lastSeen, time)
                deployments[rowKey] = row
            } else {
                let digestKey = record.digest.map(Support.key)
                if let digestKey { affected.insert(digestKey) }
                deployments[rowKey] = Deployment(slotKey: slotKey, key: key, digest: record.digest, digestKey: digestKey,
                                                 reference: reference, firstSeen: time, lastSeen: time)
            }
        }
        self.slots = slots.sorted { $0.key < $1.key }.map(\.value)
        self.deployments = deployments.sorted { $0.key < $1.key }.map(\.value)

        var tags = Set<Tag>()
        for record in batch.tags {
            tags.insert(Tag(repository: record.repository, tag: record.tag, time: Support.time(record.time),
                            digestKey: Support.key(record.digest)))
        }
        self.tags = tags.sorted { a, b in
            if a.repository != b.repository { return a.repository < b.repository }
            if a.tag != b.tag { return a.tag < b.tag }
            if a.time != b.time { return a.time < b.time }
            return a.digestKey.lexicographicallyPrecedes(b.digestKey)
        }

        var findings: [String: Finding] = [:]
        for record in batch.findings {
            let key = "\(record.advisory.utf8.count):\(record.advisory)\(record.purl)"
            let time = Support.time(record.time)
            if let existing = findings[key], existing.firstSeen <= time { continue }
            findings[key] = Finding(advisory: record.advisory, purl: record.purl, firstSeen: time)
        }
        self.findings = findings.sorted { $0.key < $1.key }.map(\.value)
        self.exceptionEvents = Set(batch.exceptionEvents).sorted()

        self.artifacts = artifacts.values.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        self.affectedDigestKeys = affected.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
