/// Verifies a signed checkpoint: the note signatures (C2SP signed-note rules), then the body
/// (C2SP tlog-checkpoint), then that the origin is the expected one when given.
///
/// See https://c2sp.org/tlog-checkpoint and https://c2sp.org/signed-note#verifying.
public enum CheckpointVerifier {
    /// The outcome of checking a checkpoint note.
    public enum Verdict: Sendable, Equatable {
        /// The note verified and its text is a checkpoint (of the expected origin, when given).
        case valid(VerifiedCheckpoint)
        /// The note or checkpoint is not valid for these keys; the reason says why.
        case invalid(String)

        /// Whether the checkpoint verified.
        public var isValid: Bool {
            if case .valid = self { return true }
            return false
        }
    }

    /// Parses and verifies `note` with `verifiers`. Malformed notes are `.invalid`, not thrown.
    public static func verify(note bytes: [UInt8], verifiers: [any NoteVerifier], origin: String? = nil) -> Verdict {
        let note: SignedNote
        do {
            note = try SignedNote(parsing: bytes)
        } catch {
            return .invalid(error.reason)
        }
        return verify(note, verifiers: verifiers, origin: origin)
    }

    /// Verifies a parsed note with `verifiers`, then parses its text as a checkpoint.
    public static func verify(_ note: SignedNote, verifiers: [any NoteVerifier], origin: String? = nil) -> Verdict {
        let verdict = note.verify(with: verifiers)
        guard case .valid(let signers) = verdict else {
            if case .invalid(let reason) = verdict { return .invalid(reason) }
            return .invalid("unverified")
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(text: note.text)
        } catch {
            return .invalid(error.reason)
        }
        if let origin, checkpoint.origin != origin {
            return .invalid("checkpoint origin is '\(checkpoint.origin.prefix(100))', expected '\(origin)'")
        }
        return .valid(VerifiedCheckpoint(checkpoint: checkpoint, note: note, verifiedBy: signers))
    }
}
