import TollgateModel

/// The error type of `TollgateLedger`: Merkle proofs, signed notes, checkpoints, tiles, entries
/// and the log itself. Codes are documented in `docs/error-codes/ledger.md`.
///
/// A proof or signature that does not verify is a *verdict*, not an error; these errors mean a
/// check could not run (malformed input, unreadable storage, bad arguments).
public typealias LedgerError = ModuleError<LedgerErrorKind>

/// The stable kinds of `LedgerError`. The raw value is the documented code.
public enum LedgerErrorKind: String, TollgateErrorKind {
    case invalidProof = "ledger.invalid-proof"
    case invalidNote = "ledger.invalid-note"
    case invalidKey = "ledger.invalid-key"
    case invalidCheckpoint = "ledger.invalid-checkpoint"
    case invalidEntry = "ledger.invalid-entry"
    case invalidTile = "ledger.invalid-tile"
    case indexOutOfRange = "ledger.index-out-of-range"
    case missingNode = "ledger.missing-node"
    case notInitialized = "ledger.not-initialized"
    case alreadyInitialized = "ledger.already-initialized"
    case tooLarge = "ledger.too-large"
    case io = "ledger.io"

    public var exitStatus: ExitStatus {
        switch self {
        case .io, .notInitialized, .alreadyInitialized: .environment
        case .missingNode: .failed
        case .indexOutOfRange: .usage
        default: .invalidInput
        }
    }
}
