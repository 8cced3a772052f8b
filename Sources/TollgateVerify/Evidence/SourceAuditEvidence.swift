import TollgateAudit

/// A verified source-audit attestation from a trusted auditor: which commit it is about and what the
/// audit found there (`SourceAuditPredicate`).
public struct SourceAuditEvidence: Sendable, Equatable {
    /// The audited commit (the statement's `gitCommit` subject), lowercased.
    public let commit: String
    public let predicate: SourceAuditPredicate
    /// The trusted auditors who signed it.
    public let signedBy: [Signer]
    /// The file it came from.
    public let source: String

    /// "audit.json: source audit of commit abc… by key 1a2b…".
    public var summary: String {
        "\(source): source audit of commit \(commit) signed by \(signedBy.map(\.description).joined(separator: ", "))"
    }
}
