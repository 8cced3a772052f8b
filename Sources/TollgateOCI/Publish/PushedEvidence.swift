import TollgateModel

/// One manifest `tollgate sign` or `attest` pushed: where, under which tag, with which digest.
public struct PushedEvidence: Sendable, Hashable, Codable {
    /// `sha256-<hex>.sig`, or nil for a referrer pushed by digest.
    public var tag: String?
    public var digest: Digest
    /// `tag` or `referrer`.
    public var scheme: String
    /// The referrers tag updated for a registry without the referrers API.
    public var referrersTag: String?
}
