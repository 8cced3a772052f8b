import TollgateModel

/// Part 4, `provenance_check`: whether each affected artifact was built by a workflow and builder
/// the policy trusts (only provenance from a trusted source counts: a certificate or a trusted
/// signer's statement), and what runs outside the expected pipeline: a running digest with no allow
/// decision, or no trusted provenance.
public struct ProvenanceCheckPart: Sendable, Hashable, Codable {
    /// `trusted`, `untrusted`, `not-judged` (no policy, or one that names no builders, workflows or
    /// repositories) or `no-trusted-provenance`.
    public enum Verdict: String, Sendable, Hashable, Codable {
        case trusted
        case untrusted
        case notJudged = "not-judged"
        case noTrustedProvenance = "no-trusted-provenance"
    }

    public struct Artifact: Sendable, Hashable, Codable {
        public var digest: Digest
        public var name: String?
        public var verdict: Verdict
        public var builder: String?
        public var workflow: String?
        public var repository: String?
        public var commit: String?
        /// Who vouches for the facts above.
        public var vouchedBy: [String]
        /// Nil when the policy names no trusted builders (or no policy was given).
        public var builderTrusted: Bool?
        public var workflowTrusted: Bool?
        public var repositoryTrusted: Bool?
        /// Facts only a party nobody trusts asserted: shown, never used.
        public var selfAsserted: [String]
        /// The latest gate decision about it (`allow`, `warn`, `deny`), if any.
        public var decision: String?
        public var reasons: [String]
    }

    public struct OutsidePipeline: Sendable, Hashable, Codable {
        public var digest: Digest
        public var slot: String
        public var reasons: [String]
    }

    /// The policy the facts were judged against, if one was given.
    public var policy: String?
    public var judged: Bool
    public var artifacts: [Artifact]
    public var outsidePipeline: [OutsidePipeline]
    public var statement: String
}
