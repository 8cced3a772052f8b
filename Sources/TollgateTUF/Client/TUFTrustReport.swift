/// What a trust directory holds or what an update changed, as `tollgate trust status|update`
/// print it (`--format json`: `tollgate.dev/trust/v1`).
public struct TUFTrustReport: Sendable, Codable, Hashable {
    public var schemaVersion = "tollgate.dev/trust/v1"
    /// The repository URL or mirror directory.
    public let repository: String
    /// The reference time of the check, `YYYY-MM-DDTHH:MM:SSZ`.
    public let time: String
    /// Whether the stored metadata verifies and is current at `time`.
    public let valid: Bool
    /// Why not, when not valid (with what to run).
    public let problem: String?
    public let roles: [Role]
    public let targets: [Target]
    /// Metadata and targets this run stored (update only).
    public let changes: [Change]

    public struct Role: Sendable, Codable, Hashable {
        public let role: String
        public let version: Int
        public let expires: String
    }

    public struct Target: Sendable, Codable, Hashable {
        public let path: String
        public let purpose: String
        /// Nil when the repository does not list it.
        public let sha256: String?
        public let length: Int?
    }

    /// One stored metadata file or target that differs from what was stored before.
    public struct Change: Sendable, Codable, Hashable {
        /// `metadata` or `target`.
        public let kind: String
        public let name: String
        public let previousVersion: Int?
        public let version: Int?
        public let previousSHA256: String?
        public let sha256: String
    }
}
