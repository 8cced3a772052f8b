import TollgateModel

/// The error type of `TollgateRebuild`: a release or rebuild that cannot be read or is hostile. A
/// rebuild that differs is a result (``RebuildComparison``), never an error. Codes:
/// `docs/error-codes/rebuild.md`.
public typealias RebuildError = ModuleError<RebuildErrorKind>

/// The stable kinds of `RebuildError`. The raw value is the documented code.
public enum RebuildErrorKind: String, TollgateErrorKind {
    /// A path is missing or cannot be read.
    case unreadable = "rebuild.unreadable"
    /// An archive, layout or header is malformed or truncated.
    case invalidArchive = "rebuild.invalid-archive"
    /// An entry name climbs out of the archive root (`..`): path traversal.
    case hostileArchive = "rebuild.hostile-archive"
    /// Over a limit: entry count, an entry's or the total uncompressed size, or the compression ratio.
    case tooLarge = "rebuild.too-large"
    /// The provenance or a rebuild attestation is not what `rebuild attest` / the gate reads.
    case invalidAttestation = "rebuild.invalid-attestation"

    public var exitStatus: ExitStatus { .invalidInput }
}
