/// A checkpoint whose note verified against trusted keys. Only `CheckpointVerifier` makes one.
public struct VerifiedCheckpoint: Sendable, Equatable {
    /// The checkpoint body.
    public let checkpoint: Checkpoint
    /// The signed note it came from.
    public let note: SignedNote
    /// The signatures by trusted keys that verified.
    public let verifiedBy: [VerifiedNoteSignature]
}
