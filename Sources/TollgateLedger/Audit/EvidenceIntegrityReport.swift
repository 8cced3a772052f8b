/// What `EvidenceIntegrityChecker` found: how much it re-hashed, and every stored file whose bytes
/// no longer match the digest the ledger recorded.
public struct EvidenceIntegrityReport: Sendable, Codable, Hashable {
    public struct Drift: Sendable, Codable, Hashable {
        /// The entry that recorded the digest.
        public var entry: UInt64
        public var digest: String
        public var problem: String
    }

    public var schemaVersion = "tollgate.dev/integrity-check/v1"
    public var entries: UInt64
    public var detachedPayloads = 0
    public var documents = 0
    public var drift: [Drift] = []

    public init(entries: UInt64) {
        self.entries = entries
    }

    public var isIntact: Bool { drift.isEmpty }
}
