/// The one error shape every module shares: a stable kind and a reason for a person.
///
/// A module declares its kinds as an enum conforming to `TollgateErrorKind` and names its error
/// type with a typealias, e.g. `public typealias SBOMError = ModuleError<SBOMErrorKind>`, so the
/// code, reason and exit-status plumbing is written once.
public struct ModuleError<Kind: TollgateErrorKind>: TollgateError, Equatable {
    public let kind: Kind
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var code: String { kind.rawValue }

    public var exitStatus: ExitStatus { kind.exitStatus }
}
