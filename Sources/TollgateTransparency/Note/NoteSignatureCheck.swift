/// The outcome of checking one signature line.
public enum NoteSignatureCheck: Sendable, Equatable {
    /// A plain signature over the note text verified.
    case verified
    /// A timestamped cosignature (tlog-cosignature) verified at this Unix time.
    case verifiedCosignature(timestamp: UInt64)
    /// The signature does not verify.
    case invalid(String)
}
