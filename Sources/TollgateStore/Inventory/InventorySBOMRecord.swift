import Foundation
import TollgateModel

/// An SBOM document describing an artifact, with its components. Components are the union over
/// every SBOM of the artifact.
public struct InventorySBOMRecord: Sendable, Hashable, Codable {
    public var artifact: Digest
    /// The SBOM document's own digest (the document is stored by digest beside the ledger).
    public var document: Digest
    /// `cyclonedx` or `spdx`.
    public var format: String
    public var components: [InventoryComponentRecord]
    public var time: Date

    public init(artifact: Digest, document: Digest, format: String, components: [InventoryComponentRecord], time: Date) {
        self.artifact = artifact
        self.document = document
        self.format = format
        self.components = components
        self.time = time
    }
}

/// How a component got into an artifact, where the SBOM says.
public enum InventoryRelationship: String, Sendable, Hashable, Codable {
    case direct
    case transitive
    /// The SBOM has no dependency graph (or does not reach this component from the root).
    case unknown
}

/// One component of an artifact.
public struct InventoryComponentRecord: Sendable, Hashable, Codable {
    /// The full purl as the SBOM gives it.
    public var purl: String
    public var name: String
    public var version: String?
    /// The purl type (`npm`, `pypi`, `deb`, …).
    public var ecosystem: String
    /// SPDX license ids or expressions.
    public var licenses: [String]
    public var relationship: InventoryRelationship

    public init(purl: String, name: String, version: String?, ecosystem: String, licenses: [String] = [],
                relationship: InventoryRelationship = .unknown) {
        self.purl = purl
        self.name = name
        self.version = version
        self.ecosystem = ecosystem
        self.licenses = licenses
        self.relationship = relationship
    }

    public var packageKey: String { InventoryPackageKey.of(purl: purl) }
}

/// A component found in an artifact.
public struct InventoryComponentMatch: Sendable, Hashable, Codable {
    public var artifact: Digest
    public var component: InventoryComponentRecord

    public init(artifact: Digest, component: InventoryComponentRecord) {
        self.artifact = artifact
        self.component = component
    }
}
