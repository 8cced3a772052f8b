import TollgateModel

/// The error type of `TollgateAudit`: an audited file that cannot be read or is not what it claims to be.
/// A finding is never an error: "this workflow is unsafe" is a result, "this workflow cannot be read" is.
public typealias AuditError = ModuleError<AuditErrorKind>

/// The stable kinds of `AuditError`. The raw value is the documented code (docs/error-codes/audit.md).
public enum AuditErrorKind: String, TollgateErrorKind {
    /// A file or directory to audit is missing or unreadable.
    case unreadable = "audit.unreadable"
    /// A path names nothing Tollgate can audit (no workflows, no GitLab CI file, no CODEOWNERS).
    case noInput = "audit.no-input"
    /// A file is not valid YAML (or JSON), or not UTF-8 text.
    case invalidYAML = "audit.invalid-yaml"
    /// A file is valid YAML but not a workflow: its top level has the wrong shape.
    case invalidWorkflow = "audit.invalid-workflow"
    /// A settings file is JSON of no shape `tollgate audit` knows (repository, branch protection, rulesets,
    /// branch rules, organization, workflow permissions).
    case invalidSettings = "audit.invalid-settings"
    /// A source-audit attestation's predicate is not the `source-audit/v1` shape.
    case invalidAttestation = "audit.invalid-attestation"
    /// `tollgate init` cannot write a file (permissions, a directory in the way): exit 4.
    case unwritable = "audit.unwritable"
    /// An OpenPGP key file (`--openpgp-keys`) holds no public key GnuPG can import.
    case invalidKeys = "audit.invalid-keys"
    /// A tool a requested check needs (`git`, `gpg`) cannot be run: the check cannot run, so the audit stops: exit 4.
    case verifierUnavailable = "audit.verifier-unavailable"
    /// A file is over the size limit, nests too deeply, or expands into too many nodes (aliases).
    case tooLarge = "audit.too-large"

    /// Input that cannot be read or is not valid: exit 3; a file `init` cannot write, or a tool missing: exit 4.
    public var exitStatus: ExitStatus { self == .unwritable || self == .verifierUnavailable ? .environment : .invalidInput }
}
