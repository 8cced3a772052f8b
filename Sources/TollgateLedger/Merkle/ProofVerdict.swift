/// The result of checking a Merkle proof: valid, or invalid with the reason (expected vs actual).
public enum ProofVerdict: Sendable, Equatable, CustomStringConvertible {
    case valid
    case invalid(String)

    public var isValid: Bool { self == .valid }

    public var description: String {
        switch self {
        case .valid: "valid"
        case .invalid(let reason): "invalid: \(reason)"
        }
    }
}
