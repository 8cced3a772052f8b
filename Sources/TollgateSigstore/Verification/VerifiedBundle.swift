import Foundation

/// A bundle that passed every step of ``SigstoreVerifier``. Only the verifier creates one.
public struct VerifiedBundle: Sendable {
    public let bundle: UnverifiedBundle
    /// The certificate identity, or `nil` for a managed-key bundle.
    public let identity: FulcioIdentity?
    public let signingTimes: [VerifiedTime]
    public let logEntries: [LogEntrySummary]
    /// The in-toto statement payload of a DSSE bundle (already checked to name the artifact).
    public let statementPayload: [UInt8]?
    /// What was skipped without failing verification, e.g. an RFC 3161 timestamp that does not
    /// verify (it then counts for nothing; the other verified times carry the bundle).
    public let warnings: [String]

    /// Where the entry sits in which log.
    public struct LogEntrySummary: Sendable, Equatable, Codable {
        public let logIndex: UInt64
        public let logID: String
        public let kind: String
        public let integratedTime: Int64?
        public let baseURL: String
    }
}
