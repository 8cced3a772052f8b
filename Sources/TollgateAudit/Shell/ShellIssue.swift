import TollgateModel

/// A problem in a shell script (a workflow's `run:`, a GitLab `script:` line), placed by the text of
/// the line it starts on and the offset of the offending command in that line.
struct ShellIssue: Sendable, Equatable {
    let rule: AuditRule
    let severity: Severity
    /// The first physical line of the command, trimmed of leading blanks.
    let lineText: String
    /// Where the command starts in `lineText`, in Unicode scalars.
    let offset: Int
    let message: String
    let fix: String
}
