import TollgateModel

/// The error type of `TollgatePolicy`: a policy document that cannot be read or is not valid.
///
/// Every error that comes from a position in the YAML carries it, and `reason` starts with
/// `file:line:column:` so editors and CI logs can jump to it. Codes are documented in
/// `docs/error-codes/policy.md`.
public struct PolicyError: TollgateError, Equatable {
    /// Stable error kinds. The raw value is the documented code.
    public enum Kind: String, Sendable, CaseIterable {
        case invalidYAML = "policy.invalid-yaml"
        case tooLarge = "policy.too-large"
        case unsupportedVersion = "policy.unsupported-version"
        case unknownKey = "policy.unknown-key"
        case missingKey = "policy.missing-key"
        case wrongType = "policy.wrong-type"
        case invalidValue = "policy.invalid-value"
        case invalidPattern = "policy.invalid-pattern"
        case invalidLicenseExpression = "policy.invalid-license-expression"
        case invalidException = "policy.invalid-exception"
        case exceptionTooLong = "policy.exception-too-long"
        case invalidDuration = "policy.invalid-duration"
    }

    public let kind: Kind
    /// Where in which file, when the error has a position.
    public let location: SourceLocation?
    /// What was expected and what was found, without the location prefix.
    public let message: String

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    public var code: String { kind.rawValue }

    public var reason: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }

    public var exitStatus: ExitStatus { .invalidInput }
}
