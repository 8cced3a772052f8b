import TollgatePolicy

/// Evidence that was supplied but not used, with a stable code and why.
///
/// Codes (docs/policy.md#problems): `evidence.unverified` (a signature or envelope did not verify),
/// `evidence.untrusted-signer` (verified, but signed by someone the policy does not trust for that
/// kind), `evidence.contradicts-certificate` (a statement's claim disagrees with its signing
/// certificate), `evidence.unsigned` (self-asserted input, shown for information only),
/// `evidence.wrong-subject` (about another artifact or SBOM), `evidence.unreadable` (not parseable),
/// `evidence.key-not-valid` (signed by a registered key outside its validity at signing time).
public struct EvidenceProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case unverified = "evidence.unverified"
        case untrustedSigner = "evidence.untrusted-signer"
        case contradictsCertificate = "evidence.contradicts-certificate"
        case unsigned = "evidence.unsigned"
        case wrongSubject = "evidence.wrong-subject"
        case unreadable = "evidence.unreadable"
        case keyNotValid = "evidence.key-not-valid"
    }

    public let code: Code
    /// The kind of evidence it would have been, when known.
    public let kind: EvidenceKind?
    /// The file or input the problem is about.
    public let source: String
    public let message: String

    package init(_ code: Code, _ source: String, _ message: String, kind: EvidenceKind? = nil) {
        self.code = code
        self.kind = kind
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
