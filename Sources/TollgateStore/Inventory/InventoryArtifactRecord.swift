import Foundation
import TollgateModel

/// An artifact sighting: digest and what is known of its identity at `time`.
///
/// Applying it creates the artifact or widens its first/last-seen window; identity fields fill in
/// what was missing (a known value is never replaced by nil; two different known values keep the
/// one from the earliest sighting).
public struct InventoryArtifactRecord: Sendable, Hashable, Codable {
    public var digest: Digest
    public var name: String?
    public var version: String?
    /// The package URL with version, when known.
    public var purl: String?
    public var mediaType: String?
    public var time: Date

    public init(digest: Digest, name: String? = nil, version: String? = nil, purl: String? = nil,
                mediaType: String? = nil, time: Date) {
        self.digest = digest
        self.name = name
        self.version = version
        self.purl = purl
        self.mediaType = mediaType
        self.time = time
    }

    /// The package identity used for "other versions": the purl without version, qualifiers and
    /// subpath, lowercased; else the name.
    public var packageKey: String? {
        if let purl { return InventoryPackageKey.of(purl: purl) }
        return name
    }
}

/// An artifact as stored.
public struct InventoryArtifactRow: Sendable, Hashable, Codable {
    public var digest: Digest
    public var name: String?
    public var version: String?
    public var purl: String?
    public var mediaType: String?
    public var firstSeen: Date
    public var lastSeen: Date
    /// How many distinct SBOM documents described it (0: its components are unknown).
    public var sbomCount: Int

    public init(digest: Digest, name: String?, version: String?, purl: String?, mediaType: String?,
                firstSeen: Date, lastSeen: Date, sbomCount: Int) {
        self.digest = digest
        self.name = name
        self.version = version
        self.purl = purl
        self.mediaType = mediaType
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.sbomCount = sbomCount
    }
}
