import TollgateModel

/// The error type of `TollgateTUF`: metadata, a target or a repository that the client refuses or
/// cannot reach. Every refusal of the TUF 1.0 client workflow has its own stable code
/// (`docs/error-codes/tuf.md`), so a rollback never reads like an expiry.
public typealias TUFError = ModuleError<TUFErrorKind>

/// The stable kinds of `TUFError`. The raw value is the documented code.
public enum TUFErrorKind: String, TollgateErrorKind {
    /// Metadata is not JSON, misses a required field, has a wrong type or an unsupported spec version.
    case malformed = "tuf.metadata-malformed"
    /// The `signed` value cannot be written as OLPC canonical JSON (a float, a huge integer).
    case notCanonical = "tuf.not-canonical"
    /// Metadata of the wrong `_type` was served for a role.
    case wrongType = "tuf.wrong-type"
    /// Fewer distinct keys than the threshold signed the metadata.
    case thresholdNotMet = "tuf.threshold-not-met"
    /// The version is not the one the trusted metadata requires (root N+1, snapshot/targets as listed).
    case versionMismatch = "tuf.version-mismatch"
    /// A version went backwards: timestamp, snapshot, or a role listed in snapshot (rollback attack).
    case rollback = "tuf.rollback"
    /// Metadata is expired at the reference time (freeze attack).
    case expired = "tuf.expired"
    /// Bytes do not have the length or hashes the trusted metadata lists (mix-and-match, substitution).
    case lengthOrHashMismatch = "tuf.length-or-hash-mismatch"
    /// No hash algorithm listed for a file is one the client knows (sha256, sha384, sha512).
    case unknownHashAlgorithm = "tuf.unknown-hash-algorithm"
    /// A response is longer than the limit for it (endless data).
    case tooLarge = "tuf.too-large"
    /// The repository answered 403/404 for a file.
    case notFound = "tuf.not-found"
    /// The repository could not be reached or answered with an error.
    case fetchFailed = "tuf.fetch-failed"
    /// A role the workflow needs is missing from snapshot (role removal, mix-and-match).
    case roleMissing = "tuf.role-missing"
    /// No trusted targets role lists the requested target path.
    case targetNotFound = "tuf.target-not-found"
    /// The local trusted root is missing, malformed or not signed by its own threshold.
    case invalidLocalRoot = "tuf.local-root-invalid"
    /// More root rotations or delegations than the configured limit.
    case limitExceeded = "tuf.limit-exceeded"
    /// Local metadata or a target cannot be read or written.
    case storage = "tuf.storage"

    public var exitStatus: ExitStatus {
        switch self {
        case .fetchFailed, .storage: .environment
        case .malformed, .notCanonical: .invalidInput
        default: .failed
        }
    }
}
