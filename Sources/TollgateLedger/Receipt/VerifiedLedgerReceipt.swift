import TollgateTransparency

/// A receipt whose every check passed. Only `LedgerInclusionReceipt.verify(logKey:)` makes one.
public struct VerifiedLedgerReceipt: Sendable, Equatable {
    /// The log's origin (the checkpoint's first line and the key name).
    public let origin: String
    /// The entry's index in the log.
    public let index: UInt64
    /// The decoded entry: kind, the ledger's time, actor and payload digest (the payload itself
    /// when it is carried inline).
    public let entry: LedgerEntry
    /// RFC 6962 leaf hash of the entry's encoding.
    public let leafHash: [UInt8]
    /// The signed checkpoint the entry is proved in.
    public let checkpoint: Checkpoint
    /// The log signatures that verified.
    public let verifiedBy: [VerifiedNoteSignature]
}
