/// A checkpoint whose note verified against trusted keys. Only `CheckpointVerifier` makes one.
public struct VerifiedCheckpoint: Sendable, Equatable {
    public let checkpoint: Checkpoint
    public let note: SignedNote
    public let verifiedBy: [VerifiedNoteSignature]
}
