/// The outcome of checking one signature. Verification never returns a bare Bool: a failure says why.
public enum SignatureVerdict: Sendable, Hashable, CustomStringConvertible {
    /// The signature is valid for the key and message under the algorithm policy.
    case valid
    /// The signature did not verify, or the policy forbids the key or algorithm; `reason` says which.
    case invalid(reason: String)

    public var isValid: Bool { self == .valid }

    /// The failure reason, or `nil` when valid.
    public var reason: String? {
        if case .invalid(let reason) = self { return reason }
        return nil
    }

    public var description: String {
        switch self {
        case .valid: "valid"
        case .invalid(let reason): "invalid: \(reason)"
        }
    }
}
