import TollgateModel

/// The result of `ProvenanceVerifier`: every check with expected vs actual, and the facts read.
public struct ProvenanceVerdict: Sendable, Hashable, Codable {
    public static let schemaVersion = "tollgate.dev/provenance-verification/v1"

    public var schemaVersion = ProvenanceVerdict.schemaVersion
    public var verified: Bool
    public var checks: [ProvenanceCheck]
    public var facts: ProvenanceFacts?
    public var signer: Signer?

    public init(checks: [ProvenanceCheck], facts: ProvenanceFacts?, signer: Signer?) {
        self.checks = checks
        self.facts = facts
        self.signer = signer
        self.verified = !checks.isEmpty && checks.allSatisfy(\.passed)
    }

    /// The failed checks as sentences.
    public var failures: [String] {
        checks.filter { !$0.passed }.map { "\($0.name): expected \($0.expected); found \($0.actual)" }
    }
}
