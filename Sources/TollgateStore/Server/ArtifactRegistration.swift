import Foundation
import TollgateModel

/// An artifact registered with the server by digest: what the publisher said it is, and whether
/// it is disclosed to anonymous readers.
public struct ArtifactRegistration: Sendable, Hashable, Codable {
    public var digest: Digest
    public var name: String?
    public var version: String?
    /// The package URL, when known.
    public var purl: String?
    /// Disclosed to anonymous readers (by an admin, or by the policy that allowed it).
    public var isPublic: Bool
    public var registered: Date
    /// The principal that registered it.
    public var registeredBy: String
    /// The ledger index of its `artifact.registered` entry.
    public var ledgerIndex: UInt64

    public init(digest: Digest, name: String?, version: String?, purl: String?, isPublic: Bool = false,
                registered: Date, registeredBy: String, ledgerIndex: UInt64) {
        self.digest = digest
        self.name = name
        self.version = version
        self.purl = purl
        self.isPublic = isPublic
        self.registered = registered
        self.registeredBy = registeredBy
        self.ledgerIndex = ledgerIndex
    }
}
