import TollgateModel

/// Errors raised by the command layer itself: files that cannot be read, bad flag combinations.
public struct CLIError: TollgateError {
    public enum Kind: String, Sendable {
        case usage = "cli.usage"
        case unreadable = "cli.unreadable-input"
        case unwritable = "cli.unwritable-output"
        case passphrase = "cli.passphrase"
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
        case .usage: .usage
        case .unreadable: .invalidInput
        case .unwritable, .passphrase: .environment
        }
    }
}
