import TollgateModel

/// One rebuild attestation a trusted rebuilder signed about this artifact: did its rebuild produce
/// the same bytes, and if not, what differed.
public struct RebuildEvidence: Sendable, Hashable {
    /// The trusted signer who vouches for the rebuild: the rebuilder the rule counts.
    public var rebuilder: Signer
    /// How the rebuilder named itself in the predicate (shown, not trusted).
    public var rebuilderID: String
    public var match: Bool
    public var rebuilt: Digest
    public var summary: String
    /// `path [classes]` of the first differences.
    public var differences: [String]
    /// The source commit the rebuild was made from, when the attestation records one.
    public var sourceCommit: String?
    /// The attestation file.
    public var source: String
    /// The statement bytes the signature covers (stored as an evidence document when recorded).
    public var statement: [UInt8]
}
