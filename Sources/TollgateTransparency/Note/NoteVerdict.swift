/// The result of verifying a signed note against a set of trusted verifier keys.
public enum NoteVerdict: Sendable, Equatable, CustomStringConvertible {
    /// At least one signature by a listed key verified, and no signature claiming a listed key failed.
    case valid(verifiedBy: [VerifiedNoteSignature])
    /// The note is not valid for these keys; the reason says why.
    case invalid(String)

    /// Whether the note verified.
    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    /// "valid (signed by …)" or "invalid: <reason>".
    public var description: String {
        switch self {
        case .valid(let signers): "valid (signed by \(signers.map(\.name).joined(separator: ", ")))"
        case .invalid(let reason): "invalid: \(reason)"
        }
    }
}
