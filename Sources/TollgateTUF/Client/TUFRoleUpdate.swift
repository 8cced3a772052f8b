/// One metadata file the client stored during a refresh: which role, the version it replaced (if
/// any was stored), the new version, and the SHA-256 of the bytes stored. The trust commands turn
/// these into ledger entries.
public struct TUFRoleUpdate: Sendable, Hashable, Codable {
    public let role: String
    public let previousVersion: Int?
    public let version: Int
    /// Lower-case hex SHA-256 of the stored bytes.
    public let sha256: String
}
