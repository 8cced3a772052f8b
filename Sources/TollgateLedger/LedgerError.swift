import TollgateModel

/// The error type of `TollgateLedger`: Merkle proofs, signed notes, checkpoints, tiles, entries
/// and the log itself. Codes are documented in `docs/error-codes/ledger.md`.
///
/// A proof or signature that does not verify is a *verdict*, not an error; these errors mean a
/// check could not run (malformed input, unreadable storage, bad arguments).
public struct LedgerError: TollgateError, Equatable {
    /// Stable error kinds. The raw value is the documented code.
    public enum Kind: String, Sendable, CaseIterable {
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
        case .io, .notInitialized, .alreadyInitialized: .environment
        case .missingNode: .failed
        case .indexOutOfRange: .usage
        default: .invalidInput
        }
    }
}
