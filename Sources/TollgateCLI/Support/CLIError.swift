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

    public var exitStatus: ExitStatus {
        switch self {
        case .usage: .usage
        case .unreadable: .invalidInput
        case .unwritable, .passphrase, .externalSigner: .environment
        }
    }
}
