/// The result of a client-side audit (`tollgate ledger verify`): the checkpoint remembered
/// before, the one fetched now, and the verdict. A rollback or fork carries both checkpoints as
/// evidence.
public struct AuditReport: Sendable, Equatable, Codable {
    /// What the audit concluded.
    public enum Verdict: String, Sendable, Codable {
        /// The new checkpoint is consistent with the remembered one (or equal to it).
        case consistent
        /// Nothing was remembered for this log: the checkpoint is stored (trust on first use).
        case firstSeen = "first-seen"
        /// The log is smaller than what was seen before.
        case rollback
        /// Same size with another root, or a consistency proof that fails: the log forked.
        case fork
        /// The fetched checkpoint is not validly signed by the log.
        case invalidCheckpoint = "invalid-checkpoint"

        /// Whether this verdict is an alert.
        public var isAlert: Bool { self != .consistent && self != .firstSeen }
    }

    /// A checkpoint as shown in the report.
    public struct Seen: Sendable, Equatable, Codable {
        public let size: UInt64
        public let rootHash: String
        public let note: String
    }

    public var schemaVersion = "tollgate.dev/ledger-audit/v1"
    public let origin: String
    public let verdict: Verdict
    public let reason: String
    public let previous: Seen?
    public let current: Seen?
    /// The witness cosignature line added to the current checkpoint, when cosigning.
    public let cosignature: String?
}
