import Foundation

/// A signing time that verified, and what vouched for it.
public struct VerifiedTime: Sendable, Equatable, Codable {
    public enum Source: String, Sendable, Codable {
        /// An RFC 3161 timestamp from a trusted TSA.
        case timestampAuthority = "rfc3161"
        /// A Rekor v1 integrated time covered by a valid SET.
        case transparencyLog = "tlog-integrated-time"
    }

    public let date: Date
    public let source: Source
}
