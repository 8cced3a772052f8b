import TollgateModel

/// The error type of the storage layer (`TollgateStore` and its SQLite and PostgreSQL implementations).
///
/// Codes are documented in `docs/error-codes/ledger.md` (storage section).
public typealias StoreError = ModuleError<StoreErrorKind>

/// The stable kinds of `StoreError`. The raw value is the documented code.
public enum StoreErrorKind: String, TollgateErrorKind {
    /// The database cannot be opened or reached.
    case unavailable = "store.unavailable"
    /// A query or a write failed.
    case io = "store.io"
    /// Stored data does not have the expected shape (a hash of the wrong length, a missing row).
    case corrupt = "store.corrupt"
    /// A configuration value (path, URL, schema name) is invalid.
    case invalidConfiguration = "store.invalid-configuration"
    /// Another writer changed the data in a way this one cannot reconcile, or the record exists.
    case conflict = "store.conflict"
    /// The record asked for does not exist (a token id, an artifact digest).
    case notFound = "store.not-found"

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidConfiguration: .usage
        case .corrupt: .failed
        case .notFound, .conflict: .invalidInput
        default: .environment
        }
    }
}
