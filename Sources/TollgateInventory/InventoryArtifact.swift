import Foundation
import TollgateModel

/// An artifact Tollgate has seen: digest, name, version, purl, and its provenance facts.
public struct InventoryArtifact: Sendable, Hashable, Codable {
    public var digest: Digest
    public var name: String?
    public var version: String?
    /// The package URL (with version), when known.
    public var purl: String?
    public var firstSeen: Date
    /// Provenance facts recorded for it (repo, commit, workflow, builder, trigger).
    public var provenance: ProvenanceFacts?
    /// Component purls from its SBOM.
    public var components: [String]

    public init(digest: Digest, name: String? = nil, version: String? = nil, purl: String? = nil, firstSeen: Date,
                provenance: ProvenanceFacts? = nil, components: [String] = []) {
        self.digest = digest
        self.name = name
        self.version = version
        self.purl = purl
        self.firstSeen = firstSeen
        self.provenance = provenance
        self.components = components
    }

    /// The package identity used to find "previous versions": the purl without version and
    /// qualifiers, else the name.
    public var packageKey: String? {
        if let purl {
            var text = Substring(purl)
            if let index = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<index] }
            if let at = text.lastIndex(of: "@"), text[..<at].contains("/") { text = text[..<at] }
            return String(text).lowercased()
        }
        return name
    }
}
