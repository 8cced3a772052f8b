/// Verifies a signed checkpoint: the note signatures (C2SP signed-note rules), then the body
/// (C2SP tlog-checkpoint), then that the origin is the expected one when given.
public enum CheckpointVerifier {
    /// The outcome of checking a checkpoint note.
    public enum Verdict: Sendable, Equatable {
        case valid(VerifiedCheckpoint)
        case invalid(String)

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
