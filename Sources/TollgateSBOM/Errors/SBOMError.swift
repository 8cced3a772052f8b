import TollgateModel

/// The error type of `TollgateSBOM`: reading SBOMs and lockfiles, generating and writing SBOMs.
///
/// Codes are documented in `docs/error-codes/sbom.md`.
public typealias SBOMError = ModuleError<SBOMErrorKind>

/// The stable kinds of `SBOMError`. The raw value is the documented code.
public enum SBOMErrorKind: String, TollgateErrorKind {
    /// The input is not JSON, or JSON of the wrong shape.
    case invalidJSON = "sbom.invalid-json"
    /// The input is not TOML (poetry.lock, uv.lock, Cargo.lock).
    case invalidTOML = "sbom.invalid-toml"
    /// The input is not YAML (pnpm-lock.yaml).
    case invalidYAML = "sbom.invalid-yaml"
    /// A line-based lockfile (yarn.lock, Gemfile.lock, go.mod, requirements.txt) is malformed.
    case invalidLockfile = "sbom.invalid-lockfile"
    /// The document is JSON but neither CycloneDX nor SPDX.
    case unknownFormat = "sbom.unknown-format"
    /// A CycloneDX or SPDX document is too broken to read (no components array of objects, ...).
    case invalidDocument = "sbom.invalid-document"
    /// The input is larger, or nested deeper, than the configured limit.
    case tooLarge = "sbom.too-large"
    /// No lockfile was found under the path given to the generator.
    case noLockfiles = "sbom.no-lockfiles"
    /// A file or directory could not be read.
    case io = "sbom.io"

    public var exitStatus: ExitStatus {
        switch self {
        case .io: .environment
        case .noLockfiles: .invalidInput
        default: .invalidInput
        }
    }
}
