/// The result of checking a Merkle proof: valid, or invalid with the reason (expected vs actual).
public enum ProofVerdict: Sendable, Equatable, CustomStringConvertible {
    /// The proof verified.
    case valid
    /// The proof does not verify; the reason says expected vs actual.
    case invalid(String)

    /// Whether the proof verified.
    public var isValid: Bool { self == .valid }

    /// "valid" or "invalid: <reason>".
    public var description: String {
        switch self {
        case .valid: "valid"
        case .invalid(let reason): "invalid: \(reason)"
        }
    }
}
