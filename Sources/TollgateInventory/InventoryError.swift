import TollgateModel

/// The error type of `TollgateInventory`.
public typealias InventoryError = ModuleError<InventoryErrorKind>

/// The stable kinds of `InventoryError`. The raw value is the documented code
/// (`docs/error-codes/inventory.md`).
public enum InventoryErrorKind: String, TollgateErrorKind {
    /// A file to import or migrate cannot be read.
    case unreadable = "inventory.unreadable"
    /// The old `inventory.json` is not a `tollgate.dev/inventory/v1` document.
    case invalid = "inventory.invalid"
    /// A file cannot be written or renamed.
    case unwritable = "inventory.unwritable"
    /// An input is over its size or count limit.
    case tooLarge = "inventory.too-large"
    /// A ledger entry's payload is not the JSON its kind records.
    case invalidEntry = "inventory.invalid-entry"
    /// A ledger entry names a document (SBOM) that is not stored beside the log.
    case missingDocument = "inventory.missing-document"
    /// An SBOM names no artifact digest (no subject hash, digest purl or checksum) and none was given.
    case noSubject = "inventory.no-subject"
    /// An incident or deployment query is malformed (a purl, digest or flag value).
    case invalidQuery = "inventory.invalid-query"
    /// The advisory id is not in the local advisory database.
    case unknownAdvisory = "inventory.unknown-advisory"
    /// A deployment record (a `deploy import` line) is malformed.
    case invalidDeployment = "inventory.invalid-deployment"
    /// The data directory still holds the old `inventory.json`: run `tollgate inventory migrate`.
    case migrationNeeded = "inventory.migration-needed"

    public var exitStatus: ExitStatus {
        switch self {
        case .invalidQuery: .usage
        case .invalid, .tooLarge, .invalidEntry, .noSubject, .unknownAdvisory, .invalidDeployment: .invalidInput
        case .unreadable, .unwritable, .missingDocument, .migrationNeeded: .environment
        }
    }
}
