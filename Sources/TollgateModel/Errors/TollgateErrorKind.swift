/// The stable kinds of one module's errors. The raw value is the documented code, e.g.
/// `sbom.invalid-json`, and each kind knows the CLI exit status it maps to.
public protocol TollgateErrorKind: RawRepresentable, Sendable, Hashable, CaseIterable where RawValue == String {
    /// The exit status the CLI uses for errors of this kind.
    var exitStatus: ExitStatus { get }
}
