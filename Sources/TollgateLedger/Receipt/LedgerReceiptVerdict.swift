/// The result of verifying a `LedgerInclusionReceipt` offline against the log's key.
public enum LedgerReceiptVerdict: Sendable, Equatable, CustomStringConvertible {
    /// Every check passed: the entry is in the log under the signed checkpoint.
    case valid(VerifiedLedgerReceipt)
    /// A check failed; the failure names it and says why.
    case invalid(LedgerReceiptFailure)

    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .valid(let verified): "valid: entry \(verified.index) is in \(verified.origin) at tree size \(verified.checkpoint.size)"
        case .invalid(let failure): "invalid: \(failure)"
        }
    }
}
