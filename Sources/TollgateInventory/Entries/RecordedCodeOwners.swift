/// Who owns an artifact's source by its CODEOWNERS file, as a trusted source audit of the commit
/// the trusted provenance names states it (`tollgate audit --attest`, predicate `codeOwners`); the
/// server's remediation queue assigns the artifact's findings to them (docs/dashboard.md#remediation).
public struct RecordedCodeOwners: Sendable, Hashable, Codable {
    /// `@user`, `@org/team` or email addresses, as the deciding CODEOWNERS line lists them.
    public var owners: [String]
    /// The CODEOWNERS file read (`.github/CODEOWNERS`, …).
    public var file: String
    /// The path whose last matching line names the owners: the build's workflow, or `*` for the
    /// repository-wide line.
    public var path: String
    /// The audited commit.
    public var commit: String
    /// Who signed the audit (an auditor the deciding policy trusts).
    public var vouchedBy: String

    public init(owners: [String], file: String, path: String, commit: String, vouchedBy: String) {
        self.owners = owners
        self.file = file
        self.path = path
        self.commit = commit
        self.vouchedBy = vouchedBy
    }
}
