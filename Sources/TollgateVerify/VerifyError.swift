import TollgateModel

/// The error type of `TollgateVerify`: a check or a command that cannot run at all. A denial is
/// a `Decision`, never an error.
public typealias VerifyError = ModuleError<VerifyErrorKind>

/// The stable kinds of `VerifyError`. The raw value is the documented code.
public enum VerifyErrorKind: String, TollgateErrorKind {
    case invalidEvidence = "verify.invalid-evidence"
    case invalidFixture = "verify.invalid-fixture"
    case ledger = "verify.ledger"
    case provenance = "verify.provenance"
    case environment = "verify.environment"

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidEvidence, .invalidFixture, .provenance: .invalidInput
        case .ledger, .environment: .environment
        }
    }
}
