/// A signed checkpoint as the store keeps it: the tree size it commits to and the note text.
public struct StoredCheckpoint: Sendable, Equatable {
    public let size: UInt64
    /// The complete signed note (C2SP tlog-checkpoint body plus signature lines).
    public let note: String

    public init(size: UInt64, note: String) {
        self.size = size
        self.note = note
    }
}
