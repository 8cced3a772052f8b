import Foundation
import TollgateModel

/// The gate's decision for one artifact under one policy, at one instant: the versioned report
/// `tollgate verify --output json` prints and the REST API returns.
public struct Decision: Sendable, Hashable, Codable {
    public static let schemaVersion = "tollgate.dev/decision/v2"

    public var schemaVersion: String
    public var decision: Outcome
    public var policy: String
    /// SHA-256 of the policy document evaluated (absent for a policy built in code).
    public var policyDigest: Digest?
    public var artifact: ArtifactSubject
    public var evaluatedAt: Date
    public var rules: [Finding]
    /// Exceptions of this policy that matched something here but had expired: named, never applied.
    public var expiredExceptions: [String]
    /// Evidence that was supplied but not used, each with a stable code and why.
    public var problems: [EvidenceProblem]
    /// The advisory database the vulnerability findings rely on (revision and import time).
    public var database: AdvisoryDatabaseState?

    public init(decision: Outcome, policy: String, policyDigest: Digest? = nil, artifact: ArtifactSubject, evaluatedAt: Date,
                rules: [Finding], expiredExceptions: [String] = [], problems: [EvidenceProblem] = [],
                database: AdvisoryDatabaseState? = nil) {
        schemaVersion = Self.schemaVersion
        self.decision = decision
        self.policy = policy
        self.policyDigest = policyDigest
        self.artifact = artifact
        self.evaluatedAt = evaluatedAt
        self.rules = rules
        self.expiredExceptions = expiredExceptions
        self.problems = problems
        self.database = database
    }

    /// The outcome the findings imply: any `fail` denies; otherwise any `warn` warns; else allow.
    public static func outcome(of findings: [Finding]) -> Outcome {
        if findings.contains(where: { $0.result == .fail }) { return .deny }
        if findings.contains(where: { $0.result == .warn }) { return .warn }
        return .allow
    }

    /// Exit status for the CLI: 0 on allow or warn, 1 on deny.
    public var exitStatus: ExitStatus { decision == .deny ? .failed : .success }
}
