import TollgateTransparency

/// The inclusion proof a bundle carries for its log entry (`dev.sigstore.rekor.v1.InclusionProof`):
/// an RFC 9162 audit path plus the checkpoint it claims to reach, validated for shape only.
///
/// ``SigstoreVerifier`` checks it through TollgateTransparency: ``inclusionProof(forEntryBody:)``
/// gives the one ``InclusionProof`` verification type, and the checkpoint note is parsed and
/// verified as a C2SP signed note (``CheckpointVerifier``).
public struct BundleInclusionProof: Sendable, Equatable {
    public let logIndex: UInt64
    public let treeSize: UInt64
    public let rootHash: [UInt8]
    public let hashes: [[UInt8]]
    /// The signed note text (C2SP tlog-checkpoint); `nil` when the bundle has none.
    public let checkpoint: String?

    /// Upper bound on proof length: a tree of 2^64 leaves needs at most 64 hashes.
    static let maxHashes = 64

    /// The proof that `body` (the entry's canonicalized body, hashed as an RFC 6962 leaf) is
    /// the leaf at `logIndex` of the tree of `treeSize` with `rootHash`.
    public func inclusionProof(forEntryBody body: [UInt8]) -> InclusionProof {
        InclusionProof(leafIndex: logIndex, treeSize: treeSize, leafHash: RFC6962.leafHash(body), rootHash: rootHash, hashes: hashes)
    }
}
