import Foundation
import TollgateModel

/// The predicate of a source-audit attestation (`https://tollgate.dev/attestations/source-audit/v1`):
/// an in-toto statement whose subject is the audited commit (`digest: {gitCommit: …}`), saying what
/// `tollgate audit` found there: the settings it was shown, the findings, and the facts the gate's
/// `source.*` and `build.*` audit rules read. A fact the audit could not establish is `null`.
public struct SourceAuditPredicate: Sendable, Codable, Equatable {
    public static let predicateType = "https://tollgate.dev/attestations/source-audit/v1"

    public struct Auditor: Sendable, Codable, Equatable {
        public var name: String
        public var version: String
    }

    /// The facts the gate reads, each derived from the findings (and settings) below.
    public struct Facts: Sendable, Codable, Hashable {
        /// No `unpinned-uses` finding in any workflow or action.
        public var pinnedActions: Bool
        /// No `static-cloud-credentials` finding: cloud access goes through OIDC federation.
        public var oidcCredentials: Bool
        /// No `untrusted-checkout`, `cache-poisoning`, `untrusted-artifact` or `self-hosted-runner` finding.
        public var untrustedCodeIsolated: Bool
        /// Every workflow, deployment and policy file has a code owner; nil when the audit did not see a checkout.
        public var workflowOwners: Bool?

        public init(pinnedActions: Bool, oidcCredentials: Bool, untrustedCodeIsolated: Bool, workflowOwners: Bool?) {
            self.pinnedActions = pinnedActions
            self.oidcCredentials = oidcCredentials
            self.untrustedCodeIsolated = untrustedCodeIsolated
            self.workflowOwners = workflowOwners
        }
    }

    public var auditor: Auditor
    /// The repository audited (as the provenance names it, e.g. `git+https://github.com/acme/app`), if given.
    public var repository: String?
    /// The audited commit (also the statement's subject).
    public var commit: String
    public var auditedAt: String
    public var files: [AuditedFile]
    public var settings: SourceSettings?
    public var facts: Facts
    public var findings: [AuditFinding]
    /// Who owns the release by the checkout's CODEOWNERS (absent without a checkout or a CODEOWNERS file).
    public var codeOwners: CodeOwnership?

    public init(report: AuditReport, commit: String, repository: String?, auditedAt: String, toolVersion: String,
                codeOwners: CodeOwnership? = nil) {
        auditor = Auditor(name: "tollgate audit", version: toolVersion)
        self.repository = repository
        self.commit = commit
        self.auditedAt = auditedAt
        files = report.files
        settings = report.settings
        findings = report.findings
        self.codeOwners = codeOwners
        let rules = Set(report.findings.map(\.rule))
        facts = Facts(
            pinnedActions: !rules.contains(.unpinnedUses),
            oidcCredentials: !rules.contains(.staticCloudCredentials),
            untrustedCodeIsolated: rules.isDisjoint(with: [.untrustedCheckout, .cachePoisoning, .untrustedArtifact, .selfHostedRunner]),
            workflowOwners: report.workflowOwners)
    }

    /// A predicate stating facts directly (`tollgate policy test` fixtures describe verified evidence).
    public init(commit: String, repository: String?, facts: Facts, settings: SourceSettings?, auditedAt: String = "") {
        auditor = Auditor(name: "fixture", version: "")
        self.repository = repository
        self.commit = commit
        self.auditedAt = auditedAt
        files = []
        self.settings = settings
        self.facts = facts
        findings = []
    }

    /// The in-toto statement: subject the commit, predicate this.
    public func statement() throws -> InTotoStatement {
        let predicate = try JSONValue.parse(JSONOutput.encode(self))
        return InTotoStatement(subjects: [InTotoSubject(name: repository ?? "source", digest: ["gitCommit": commit])],
                               predicateType: Self.predicateType, predicate: predicate)
    }

    /// Reads the predicate of a verified statement.
    public init(statement: InTotoStatement) throws(AuditError) {
        guard statement.predicateType == Self.predicateType else {
            throw AuditError(.invalidAttestation, "predicate type \(statement.predicateType), not \(Self.predicateType)")
        }
        do {
            self = try JSONDecoder().decode(SourceAuditPredicate.self, from: Data(statement.predicate.encodedBytes()))
        } catch {
            throw AuditError(.invalidAttestation, "a source-audit predicate that does not parse: \(ErrorText.describe(error))")
        }
    }

    /// True when `hex` is a full Git commit id (40 hex digits, or 64 for SHA-256 repositories).
    public static func isCommit(_ hex: String) -> Bool { ActionReference.isCommitSHA(hex.lowercased()) }
}
