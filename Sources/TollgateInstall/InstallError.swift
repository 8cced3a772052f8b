import TollgateModel

/// The error type of `TollgateInstall`: an install that cannot even be decided (a lockfile that
/// cannot be read, a package manager that failed). A package that fails a check is not an error:
/// it is a denied package in the `InstallDecision`. Codes: `docs/error-codes/install.md`.
public typealias InstallError = ModuleError<InstallErrorKind>

/// The stable kinds of `InstallError`. The raw value is the documented code.
public enum InstallErrorKind: String, TollgateErrorKind {
    /// A registry, index or mirror directory could not be reached or answered with an error.
    case unreachable = "install.unreachable"
    /// A response (packument, keys, index page, attestation) is not what the protocol says.
    case invalidResponse = "install.invalid-response"
    /// A response is larger than its limit.
    case tooLarge = "install.too-large"
    /// The registry keys file is missing or malformed.
    case invalidKeys = "install.invalid-keys"
    /// The lockfile or requirements cannot be read.
    case invalidInput = "install.invalid-input"
    /// pip or npm could not resolve or download (the package manager's own message follows).
    case resolutionFailed = "install.resolution-failed"
    /// pip or npm failed while installing verified files.
    case installFailed = "install.install-failed"
    /// pip or npm is not there to run.
    case toolMissing = "install.tool-missing"

    public var exitStatus: ExitStatus {
        switch self {
        case .unreachable, .resolutionFailed, .installFailed, .toolMissing: .environment
        case .invalidResponse, .tooLarge, .invalidKeys, .invalidInput: .invalidInput
        }
    }
}
