import TollgateModel

/// Errors raised by the command layer itself: files that cannot be read, bad flag combinations.
public typealias CLIError = ModuleError<CLIErrorKind>

/// The stable kinds of `CLIError`. The raw value is the documented code.
public enum CLIErrorKind: String, TollgateErrorKind {
    case usage = "cli.usage"
    case unreadable = "cli.unreadable-input"
    case unwritable = "cli.unwritable-output"
    case passphrase = "cli.passphrase"
    /// An external signer (`--key exec:PROGRAM`) failed, timed out, or returned a bad key or signature.
    case externalSigner = "cli.external-signer"
    /// A server named by `--server` could not be reached, or refused the request (its code and message follow).
    case server = "cli.server"

    public var exitStatus: ExitStatus {
        switch self {
        case .usage: .usage
        case .unreadable: .invalidInput
        case .unwritable, .passphrase, .externalSigner, .server: .environment
        }
    }
}
