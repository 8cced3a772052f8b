import TollgateModel

/// The error type of `TollgateTransparency`: RFC 6962 proof documents, C2SP signed notes, note
/// keys and checkpoints that cannot be read. Codes are documented in
/// `docs/error-codes/transparency.md`.
///
/// A proof, note or checkpoint that parses but does not verify is a *verdict* (``ProofVerdict``,
/// ``NoteVerdict``, ``CheckpointVerifier/Verdict``), not an error; these errors mean a check could
/// not run (malformed or oversized input, an unusable key).
public typealias TransparencyError = ModuleError<TransparencyErrorKind>

/// The stable kinds of `TransparencyError`. The raw value is the documented code.
public enum TransparencyErrorKind: String, TollgateErrorKind {
    /// A proof document is not JSON, lacks its fields, or a field is not base64.
    case invalidProof = "transparency.invalid-proof"
    /// A signed note breaks the C2SP signed-note format.
    case invalidNote = "transparency.invalid-note"
    /// A note verifier or signer key is malformed, has another key ID, or an unsupported type.
    case invalidKey = "transparency.invalid-key"
    /// A checkpoint body breaks the C2SP tlog-checkpoint format.
    case invalidCheckpoint = "transparency.invalid-checkpoint"
    /// A note or proof document over its size limit.
    case tooLarge = "transparency.too-large"

    /// Every transparency error is about input that cannot be read or used: exit 3.
    public var exitStatus: ExitStatus { .invalidInput }
}
