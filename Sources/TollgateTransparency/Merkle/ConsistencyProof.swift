import Foundation

/// An RFC 9162 consistency proof with the values it binds, in the JSON form of the
/// transparency-dev/merkle test vectors (`size1, size2, root1, root2, proof`, base64).
///
/// See https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.
public struct ConsistencyProof: Sendable, Equatable, Codable {
    /// The size of the older tree.
    public let size1: UInt64
    /// The size of the newer tree.
    public let size2: UInt64
    /// The root of the older tree.
    public let root1: [UInt8]
    /// The root of the newer tree.
    public let root2: [UInt8]
    /// The consistency proof hashes.
    public let hashes: [[UInt8]]

    /// A proof from its parts; nothing is checked until `verify()`.
    public init(size1: UInt64, size2: UInt64, root1: [UInt8], root2: [UInt8], hashes: [[UInt8]]) {
        self.size1 = size1
        self.size2 = size2
        self.root1 = root1
        self.root2 = root2
        self.hashes = hashes
    }

    /// Checks the proof (RFC 9162 §2.1.4.2).
    public func verify(fromEmpty: MerkleVerifier.ConsistencyFromEmpty = .reject) -> ProofVerdict {
        MerkleVerifier.verifyConsistency(size1: size1, size2: size2, root1: root1, root2: root2, proof: hashes, fromEmpty: fromEmpty)
    }

    enum CodingKeys: String, CodingKey {
        case size1, size2, root1, root2, proof
    }

    /// Reads the vector JSON form; base64 fields that do not decode are `transparency.invalid-proof`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        size1 = try c.decode(UInt64.self, forKey: .size1)
        size2 = try c.decode(UInt64.self, forKey: .size2)
        root1 = try ProofJSON.bytes(c.decode(String.self, forKey: .root1))
        root2 = try ProofJSON.bytes(c.decode(String.self, forKey: .root2))
        hashes = try (c.decodeIfPresent([String].self, forKey: .proof) ?? []).map(ProofJSON.bytes)
    }

    /// Writes the vector JSON form (what `tollgate ledger check-proof` reads).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(size1, forKey: .size1)
        try c.encode(size2, forKey: .size2)
        try c.encode(Data(root1).base64EncodedString(), forKey: .root1)
        try c.encode(Data(root2).base64EncodedString(), forKey: .root2)
        try c.encode(hashes.map { Data($0).base64EncodedString() }, forKey: .proof)
    }
}
