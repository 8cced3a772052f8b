import Foundation

/// Rows to add to the inventory in one transaction. Applying a batch twice changes nothing.
public struct InventoryBatch: Sendable, Hashable {
    public var artifacts: [InventoryArtifactRecord] = []
    public var sboms: [InventorySBOMRecord] = []
    public var provenance: [InventoryProvenanceRecord] = []
    public var signatures: [InventorySignatureRecord] = []
    public var decisions: [InventoryDecisionRecord] = []
    public var deployments: [InventoryDeploymentRecord] = []
    public var tags: [TagObservationRecord] = []
    public var findings: [InventoryFindingRecord] = []
    /// Exception event keys ("granted:POLICY:ID").
    public var exceptionEvents: [String] = []

    public init() {}

    public var isEmpty: Bool {
        artifacts.isEmpty && sboms.isEmpty && provenance.isEmpty && signatures.isEmpty && decisions.isEmpty
            && deployments.isEmpty && tags.isEmpty && findings.isEmpty && exceptionEvents.isEmpty
    }

    /// Appends every row of `other`.
    public mutating func merge(_ other: InventoryBatch) {
        artifacts += other.artifacts
        sboms += other.sboms
        provenance += other.provenance
        signatures += other.signatures
        decisions += other.decisions
        deployments += other.deployments
        tags += other.tags
        findings += other.findings
        exceptionEvents += other.exceptionEvents
    }
}
