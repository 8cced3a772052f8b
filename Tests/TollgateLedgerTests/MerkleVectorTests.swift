import Foundation
import Testing
import TollgateLedger
import TollgateModel
import TollgateTransparency

@Suite("RFC 6962 proofs built from stored nodes")
struct MerkleVectorTests {
    static var reference: [String: Any] { (try? Fixtures.json("merkle/rfc6962-reference.json") as? [String: Any]) ?? [:] }

    static var referenceLeaves: [[UInt8]] {
        (reference["leaves_hex"] as? [String] ?? []).map { Hex.decode($0) ?? [] }
    }

    @Test("computes the reference roots for every size 0…8")
    func referenceRoots() async throws {
        let roots = try #require(Self.reference["roots_hex"] as? [String: String])
        #expect(roots.count == 9)
        for (size, hex) in roots {
            let n = try #require(Int(size))
            let tree = InMemoryTree(leaves: Array(Self.referenceLeaves.prefix(n)))
            #expect(Hex.encode(tree.range.rootHash()) == hex, "root of size \(n)")
            let full = InMemoryTree(leaves: Self.referenceLeaves)
            #expect(Hex.encode(try await ProofBuilder(reader: full).rootHash(size: UInt64(n))) == hex, "stored root of size \(n)")
        }
    }

    @Test("builds all 36 reference inclusion proofs")
    func referenceInclusion() async throws {
        let cases = try #require(Self.reference["inclusion"] as? [[String: Any]])
        #expect(cases.count == 36)
        let tree = InMemoryTree(leaves: Self.referenceLeaves)
        for item in cases {
            let index = try #require(item["leafIdx"] as? Int)
            let size = try #require(item["treeSize"] as? Int)
            let expected = (item["proof_hex"] as? [String] ?? []).map { Hex.decode($0) ?? [] }
            let built = try await ProofBuilder(reader: tree).inclusionProof(leafIndex: UInt64(index), treeSize: UInt64(size))
            #expect(built == expected, "inclusion \(index) in \(size)")
        }
    }

    @Test("builds all 28 reference consistency proofs")
    func referenceConsistency() async throws {
        let cases = try #require(Self.reference["consistency"] as? [[String: Any]])
        #expect(cases.count == 28)
        let tree = InMemoryTree(leaves: Self.referenceLeaves)
        for item in cases {
            let size1 = try #require(item["size1"] as? Int)
            let size2 = try #require(item["size2"] as? Int)
            let expected = (item["proof_hex"] as? [String] ?? []).map { Hex.decode($0) ?? [] }
            let built = try await ProofBuilder(reader: tree).consistencyProof(size1: UInt64(size1), size2: UInt64(size2))
            #expect(built == expected, "consistency \(size1) → \(size2)")
        }
    }

    static var generated: [[String: Any]] {
        ((try? Fixtures.json("merkle/generated-300.json") as? [String: Any])?["cases"] as? [[String: Any]]) ?? []
    }

    /// The cases that must verify; the failing ones are the verifier's (TollgateTransparencyTests).
    static var validGenerated: [Int] { generated.indices.filter { (generated[$0]["wantErr"] as? Bool) == false } }

    @Test("builds exactly the proofs and roots of the 76 valid generated 300-leaf cases", arguments: validGenerated)
    func generatedCase(_ number: Int) async throws {
        let item = Self.generated[number]
        let document = try ProofJSON.parse(try JSONSerialization.data(withJSONObject: item))
        let leaves = (0..<300).map { Array("tollgate-test-entry-1-\($0)".utf8) }
        let builder = ProofBuilder(reader: InMemoryTree(leaves: leaves))
        switch document {
        case .inclusion(let proof):
            #expect(try await builder.inclusionProof(leafIndex: proof.leafIndex, treeSize: proof.treeSize) == proof.hashes)
            #expect(try await builder.rootHash(size: proof.treeSize) == proof.rootHash)
        case .consistency(let proof):
            #expect(try await builder.consistencyProof(size1: proof.size1, size2: proof.size2) == proof.hashes)
            #expect(try await builder.rootHash(size: proof.size2) == proof.root2)
        }
    }

    @Test("the generated checkpoint's root is MTH of its 37 documented leaves")
    func generatedCheckpointRoot() {
        let leaves = (0..<37).map { RFC6962.leafHash(Array("tollgate-public entry \($0)".utf8)) }
        #expect(Data(RFC6962.rootHash(leafHashes: leaves)).base64EncodedString() == "mnAyIMIBzSlMp8hsfXSklUT7HW0TdCgr+99pJra4Sqo=")
    }

    @Test("proofs built for every pair in a 70-leaf tree verify, and tampered ones fail")
    func exhaustiveSmallTree() async throws {
        let leaves = (0..<70).map { [UInt8(truncatingIfNeeded: $0), UInt8($0 / 256)] }
        let tree = InMemoryTree(leaves: leaves)
        let builder = ProofBuilder(reader: tree)
        var roots: [[UInt8]] = []
        for size in 0...70 { roots.append(RFC6962.rootHash(leafHashes: leaves.prefix(size).map { RFC6962.leafHash($0) })) }
        for size in 1...70 {
            for index in 0..<size {
                let proof = try await builder.inclusionProof(leafIndex: UInt64(index), treeSize: UInt64(size))
                #expect(MerkleVerifier.verifyInclusion(leafIndex: UInt64(index), treeSize: UInt64(size),
                                                       leafHash: RFC6962.leafHash(leaves[index]), proof: proof, root: roots[size]).isValid)
            }
            for size1 in 1...size {
                let proof = try await builder.consistencyProof(size1: UInt64(size1), size2: UInt64(size))
                #expect(MerkleVerifier.verifyConsistency(size1: UInt64(size1), size2: UInt64(size), root1: roots[size1],
                                                         root2: roots[size], proof: proof).isValid)
                if var first = proof.first {
                    first[0] ^= 1
                    #expect(!MerkleVerifier.verifyConsistency(size1: UInt64(size1), size2: UInt64(size), root1: roots[size1],
                                                              root2: roots[size], proof: [first] + proof.dropFirst()).isValid)
                }
            }
        }
    }
}
