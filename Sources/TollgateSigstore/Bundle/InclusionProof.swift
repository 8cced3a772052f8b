/// An RFC 6962/9162 inclusion proof plus the checkpoint it claims to reach
/// (`dev.sigstore.rekor.v1.InclusionProof`).
public struct InclusionProof: Sendable, Equatable {
    public let logIndex: UInt64
    public let treeSize: UInt64
    public let rootHash: [UInt8]
    public let hashes: [[UInt8]]
    /// The signed note text (C2SP tlog-checkpoint); `nil` when the bundle has none.
    public let checkpoint: String?

    /// Upper bound on proof length: a tree of 2^64 leaves needs at most 64 hashes.
    static let maxHashes = 64
}
