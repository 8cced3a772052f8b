import Foundation
import Testing
import TollgateLedger
import TollgateModel

@Suite("RFC 6962 Merkle vectors")
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

    @Test("builds and verifies all 36 reference inclusion proofs")
    func referenceInclusion() async throws {
        let cases = try #require(Self.reference["inclusion"] as? [[String: Any]])
        #expect(cases.count == 36)
        let roots = try #require(Self.reference["roots_hex"] as? [String: String])
        let tree = InMemoryTree(leaves: Self.referenceLeaves)
        for item in cases {
            let index = try #require(item["leafIdx"] as? Int)
            let size = try #require(item["treeSize"] as? Int)
            let expected = (item["proof_hex"] as? [String] ?? []).map { Hex.decode($0) ?? [] }
            let built = try await ProofBuilder(reader: tree).inclusionProof(leafIndex: UInt64(index), treeSize: UInt64(size))
            #expect(built == expected, "inclusion \(index) in \(size)")
            let verdict = MerkleVerifier.verifyInclusion(leafIndex: UInt64(index), treeSize: UInt64(size),
                                                         leafHash: RFC6962.leafHash(Self.referenceLeaves[index]),
                                                         proof: expected, root: Hex.decode(roots[String(size)] ?? "") ?? [])
            #expect(verdict == .valid)
        }
    }

    @Test("builds and verifies all 28 reference consistency proofs")
    func referenceConsistency() async throws {
        let cases = try #require(Self.reference["consistency"] as? [[String: Any]])
        #expect(cases.count == 28)
        let roots = try #require(Self.reference["roots_hex"] as? [String: String])
        let tree = InMemoryTree(leaves: Self.referenceLeaves)
        for item in cases {
            let size1 = try #require(item["size1"] as? Int)
            let size2 = try #require(item["size2"] as? Int)
            let expected = (item["proof_hex"] as? [String] ?? []).map { Hex.decode($0) ?? [] }
            let built = try await ProofBuilder(reader: tree).consistencyProof(size1: UInt64(size1), size2: UInt64(size2))
            #expect(built == expected, "consistency \(size1) → \(size2)")
            let verdict = MerkleVerifier.verifyConsistency(
                size1: UInt64(size1), size2: UInt64(size2),
                root1: Hex.decode(roots[String(size1)] ?? "") ?? [], root2: Hex.decode(roots[String(size2)] ?? "") ?? [],
                proof: expected)
            #expect(verdict == .valid, "\(size1) → \(size2): \(verdict)")
        }
    }

    static var generated: [[String: Any]] {
        ((try? Fixtures.json("merkle/generated-300.json") as? [String: Any])?["cases"] as? [[String: Any]]) ?? []
    }

    @Test("the generated 300-leaf vectors have 76 valid and 44 failing cases")
    func generatedCounts() {
        #expect(Self.generated.count == 120)
        #expect(Self.generated.filter { ($0["wantErr"] as? Bool) == false }.count == 76)
    }

    @Test("checks each generated 300-leaf case as its wantErr says", arguments: 0..<120)
    func generatedCase(_ number: Int) async throws {
        let item = try #require(Self.generated.count > number ? Self.generated[number] : nil)
        let wantErr = try #require(item["wantErr"] as? Bool)
        let data = try JSONSerialization.data(withJSONObject: item)
        let document = try ProofJSON.parse(data)
        let verdict = document.verify()
        #expect(verdict.isValid == !wantErr, "\(item["desc"] ?? ""): \(verdict)")
        // Valid cases must also be exactly what the builder produces from stored nodes.
        guard !wantErr else { return }
        let leaves = (0..<300).map { Array("tollgate-test-entry-1-\($0)".utf8) }
        let tree = InMemoryTree(leaves: leaves)
        let builder = ProofBuilder(reader: tree)
        switch document {
        case .inclusion(let proof):
            #expect(try await builder.inclusionProof(leafIndex: proof.leafIndex, treeSize: proof.treeSize) == proof.hashes)
            #expect(try await builder.rootHash(size: proof.treeSize) == proof.rootHash)
        case .consistency(let proof):
            #expect(try await builder.consistencyProof(size1: proof.size1, size2: proof.size2) == proof.hashes)
            #expect(try await builder.rootHash(size: proof.size2) == proof.root2)
        }
    }

    static let transparencyDevFiles = Fixtures.jsonFiles(under: "merkle/transparency-dev/inclusion")
        + Fixtures.jsonFiles(under: "merkle/transparency-dev/consistency")

    @Test("the transparency-dev vectors are all present: 65 inclusion and 57 consistency")
    func transparencyDevCounts() {
        #expect(Fixtures.jsonFiles(under: "merkle/transparency-dev/inclusion").count == 65)
        #expect(Fixtures.jsonFiles(under: "merkle/transparency-dev/consistency").count == 57)
    }

    @Test("checks each transparency-dev vector as its wantErr says", arguments: transparencyDevFiles)
    func transparencyDev(_ path: String) throws {
        let data = try Fixtures.data(path)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let wantErr = try #require(object["wantErr"] as? Bool)
        let valid: Bool
        do {
            valid = try ProofJSON.parse(data).verify().isValid
        } catch {
            valid = false
        }
        #expect(valid == !wantErr, "\(path)")
    }

    @Test("accepts a consistency proof from size 0 only in the tlog-witness mode")
    func consistencyFromEmpty() {
        let root = RFC6962.leafHash([1])
        #expect(!MerkleVerifier.verifyConsistency(size1: 0, size2: 1, root1: RFC6962.emptyRoot, root2: root, proof: []).isValid)
        #expect(MerkleVerifier.verifyConsistency(size1: 0, size2: 1, root1: RFC6962.emptyRoot, root2: root, proof: [],
                                                 fromEmpty: .acceptWithEmptyProof).isValid)
        #expect(!MerkleVerifier.verifyConsistency(size1: 0, size2: 1, root1: RFC6962.emptyRoot, root2: root, proof: [root],
                                                  fromEmpty: .acceptWithEmptyProof).isValid)
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
