import Foundation
import TollgateModel
import TollgateStore

/// Part 2, `artifact_search`: the affected artifacts, with the components that matched and how each
/// got in (direct or transitive, where the SBOM says), or why a CI-path query selected them.
public struct ArtifactSearchPart: Sendable, Hashable, Codable {
    public struct Match: Sendable, Hashable, Codable {
        public var purl: String
        public var version: String?
        public var relationship: InventoryRelationship
    }

    public struct Artifact: Sendable, Hashable, Codable {
        public var digest: Digest
        public var name: String?
        public var version: String?
        public var purl: String?
        public var firstSeen: Date?
        public var lastSeen: Date?
        /// False when no SBOM describes it (its components are unknown).
        public var hasSBOM: Bool
        public var matches: [Match]
        /// Why it is affected, in a sentence.
        public var reason: String
    }

    public var artifacts: [Artifact]
    /// How many artifacts the search could look into (with an SBOM, with provenance, or all).
    public var searched: Int
    public var statement: String
}
