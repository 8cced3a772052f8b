import TollgateModel

/// The error type of `TollgateLedger`: stored Merkle nodes, the log key file, remembered
/// checkpoints, tiles, entries, receipts and the log itself. Codes are documented in
/// `docs/error-codes/ledger.md`; proof documents, signed notes, note keys and checkpoint bodies
/// are TollgateTransparency's (`TransparencyError`, `docs/error-codes/transparency.md`).
///
/// A proof or signature that does not verify is a *verdict*, not an error; these errors mean a
/// check could not run (malformed input, unreadable storage, bad arguments).
public typealias LedgerError = ModuleError<LedgerErrorKind>

/// The stable kinds of `LedgerError`. The raw value is the documented code.
public enum LedgerErrorKind: String, TollgateErrorKind {
    case invalidProof = "ledger.invalid-proof"
    case invalidKey = "ledger.invalid-key"
    case invalidCheckpoint = "ledger.invalid-checkpoint"
    case invalidEntry = "ledger.invalid-entry"
    case invalidTile = "ledger.invalid-tile"
    /// A receipt document is not JSON or lacks a field, has an unknown schemaVersion, bad
    /// base64, a hash of the wrong length or too many proof hashes.
    case invalidReceipt = "ledger.invalid-receipt"
    /// The log cannot vouch for an entry: the stored entry differs from the append receipt, or
    /// the receipt it built does not verify with its own key (damage; run `tollgate ledger fsck`).
    case receiptUnverified = "ledger.receipt-unverified"
    case indexOutOfRange = "ledger.index-out-of-range"
    case missingNode = "ledger.missing-node"
    case notInitialized = "ledger.not-initialized"
    case alreadyInitialized = "ledger.already-initialized"
    case tooLarge = "ledger.too-large"
    case io = "ledger.io"
    /// `tollgate key rotate|revoke` names a key id the registry does not hold.
    case keyUnknown = "ledger.key-unknown"
    /// A key change the registry refuses: a key registered again with other attributes, a rotated
    /// or revoked key rotated, a missing reason or owner, a validity that ends before it starts.
    case keyConflict = "ledger.key-conflict"

    public var exitStatus: ExitStatus {
        switch self {
        case .io, .notInitialized, .alreadyInitialized: .environment
        case .missingNode, .receiptUnverified, .keyUnknown, .keyConflict: .failed
        case .indexOutOfRange: .usage
        default: .invalidInput
        }
    }
}
