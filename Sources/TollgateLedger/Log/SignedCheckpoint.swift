import TollgateTransparency

/// A checkpoint the log signed: its parsed body and the full note text.
public struct SignedCheckpoint: Sendable, Equatable {
    public let checkpoint: Checkpoint
    /// The serialized signed note (body, blank line, signature lines).
    public let note: String
}
