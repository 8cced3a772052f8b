/// The process exit statuses every Tollgate command uses (`docs/exit-codes.md`).
public enum ExitStatus: Int32, Sendable, Codable {
    /// The command ran and the answer is yes (verified, allowed, written).
    case success = 0
    /// Verification failed or the gate denied.
    case failed = 1
    /// The command line was wrong.
    case usage = 2
    /// Input could not be read or is not valid (malformed, truncated, oversized, hostile).
    case invalidInput = 3
    /// An environment problem: I/O, storage, a database that cannot be reached.
    case environment = 4
    /// The answer is incomplete: `tollgate incident` found nothing among the data there is, but the
    /// inventory lacks data to say "not affected" (artifacts without SBOMs, deployments without digests).
    case incomplete = 5
}

/// Every module has one error type conforming to this protocol.
///
/// `code` is stable and documented (`docs/exit-codes.md`), `reason` says expected vs actual
/// in a sentence for a person, and `exitStatus` maps the error to the CLI exit code.
/// A user never sees a Swift type dump: the CLI prints `error[code]: reason`.
public protocol TollgateError: Error, CustomStringConvertible, Sendable {
    /// A stable, dotted identifier such as `dsse.payload-type-mismatch`.
    var code: String { get }
    /// A sentence for a person that names what was expected and what was found.
    var reason: String { get }
    /// The exit status the CLI uses for this error.
    var exitStatus: ExitStatus { get }
}

extension TollgateError {
    public var description: String { "\(code): \(reason)" }
}
