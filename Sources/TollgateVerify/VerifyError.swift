import TollgateModel

/// The error type of `TollgateVerify`: a check or a command that cannot run at all. A denial is
/// a `Decision`, never an error.
public struct VerifyError: TollgateError, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case invalidEvidence = "verify.invalid-evidence"
        case invalidFixture = "verify.invalid-fixture"
        case ledger = "verify.ledger"
        case provenance = "verify.provenance"
        case environment = "verify.environment"
    }

    public let kind: Kind
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var code: String { kind.rawValue }

    public var exitStatus: ExitStatus {
        switch kind {
        case .invalidEvidence, .invalidFixture, .provenance: .invalidInput
        case .ledger, .environment: .environment
        }
    }
}
