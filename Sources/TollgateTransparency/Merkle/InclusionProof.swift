import Foundation

/// An RFC 9162 inclusion proof with the values it binds, in the JSON form of the
/// transparency-dev/merkle test vectors (`leafIdx, treeSize, leafHash, root, proof`, base64).
///
/// The one inclusion-proof type: the ledger's proofs, its receipts and Sigstore bundles'
/// Rekor proofs are all checked through it (https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3).
public struct InclusionProof: Sendable, Equatable, Codable {
    /// The 0-based index of the leaf.
    public let leafIndex: UInt64
    /// The size of the tree the proof is for.
    public let treeSize: UInt64
    /// The RFC 6962 leaf hash (`RFC6962.leafHash` of the entry).
    public let leafHash: [UInt8]
    /// The root of the tree of `treeSize` leaves.
    public let rootHash: [UInt8]
    /// The audit path, bottom-up.
    public let hashes: [[UInt8]]

    /// A proof from its parts; nothing is checked until `verify()`.
    public init(leafIndex: UInt64, treeSize: UInt64, leafHash: [UInt8], rootHash: [UInt8], hashes: [[UInt8]]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.leafHash = leafHash
        self.rootHash = rootHash
        self.hashes = hashes
    }

    /// Checks the proof (RFC 9162 §2.1.3.2).
    public func verify() -> ProofVerdict {
        MerkleVerifier.verifyInclusion(leafIndex: leafIndex, treeSize: treeSize, leafHash: leafHash, proof: hashes, root: rootHash)
    }

    enum CodingKeys: String, CodingKey {
        case leafIdx, treeSize, leafHash, root, proof
    }

    /// Reads the vector JSON form; base64 fields that do not decode are `transparency.invalid-proof`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        leafIndex = try c.decode(UInt64.self, forKey: .leafIdx)
        treeSize = try c.decode(UInt64.self, forKey: .treeSize)
        leafHash = try ProofJSON.bytes(c.decode(String.self, forKey: .leafHash))
        rootHash = try ProofJSON.bytes(c.decode(String.self, forKey: .root))
        hashes = try (c.decodeIfPresent([String].self, forKey: .proof) ?? []).map(ProofJSON.bytes)
    }

    /// Writes the vector JSON form (what `tollgate ledger check-proof` reads).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(leafIndex, forKey: .leafIdx)
        try c.encode(treeSize, forKey: .treeSize)
        try c.encode(Data(leafHash).base64EncodedString(), forKey: .leafHash)
        try c.encode(Data(rootHash).base64EncodedString(), forKey: .root)
        try c.encode(hashes.map { Data($0).base64EncodedString() }, forKey: .proof)
    }
}
