import Foundation
import Testing
import TollgateModel
import TollgateTransparency

@Suite("RFC 6962 proof verification")
struct MerkleProofTests {
    static var reference: [String: Any] { (try? Fixtures.json("merkle/rfc6962-reference.json") as? [String: Any]) ?? [:] }

    static var referenceLeaves: [[UInt8]] {
        (reference["leaves_hex"] as? [String] ?? []).map { Hex.decode($0) ?? [] }
    }

    static func referenceRoot(_ size: Int) -> [UInt8] {
        ((reference["roots_hex"] as? [String: String])?[String(size)]).flatMap { Hex.decode($0) } ?? []
    }

    @Test("verifies all 36 RFC 6962 reference inclusion proofs")
    func referenceInclusion() throws {
        let cases = try #require(Self.reference["inclusion"] as? [[String: Any]])
        #expect(cases.count == 36)
        for item in cases {
            let index = try #require(item["leafIdx"] as? Int)
            let size = try #require(item["treeSize"] as? Int)
            let proof = (item["proof_hex"] as? [String] ?? []).map { Hex.decode($0) ?? [] }
            let verdict = MerkleVerifier.verifyInclusion(leafIndex: UInt64(index), treeSize: UInt64(size),
                                                         leafHash: RFC6962.leafHash(Self.referenceLeaves[index]),
                                                         proof: proof, root: Self.referenceRoot(size))
            #expect(verdict == .valid, "inclusion \(index) in \(size): \(verdict)")
        }
    }

    @Test("verifies all 28 RFC 6962 reference consistency proofs")
    func referenceConsistency() throws {
        let cases = try #require(Self.reference["consistency"] as? [[String: Any]])
        #expect(cases.count == 28)
        for item in cases {
            let size1 = try #require(item["size1"] as? Int)
            let size2 = try #require(item["size2"] as? Int)
            let proof = (item["proof_hex"] as? [String] ?? []).map { Hex.decode($0) ?? [] }
            let verdict = MerkleVerifier.verifyConsistency(size1: UInt64(size1), size2: UInt64(size2), root1: Self.referenceRoot(size1),
                                                           root2: Self.referenceRoot(size2), proof: proof)
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

    @Test("checks each generated 300-leaf proof document as its wantErr says", arguments: 0..<120)
    func generatedCase(_ number: Int) throws {
        let item = try #require(Self.generated.count > number ? Self.generated[number] : nil)
        let wantErr = try #require(item["wantErr"] as? Bool)
        let verdict = try ProofJSON.parse(try JSONSerialization.data(withJSONObject: item)).verify()
        #expect(verdict.isValid == !wantErr, "\(item["desc"] ?? ""): \(verdict)")
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
        let valid = (try? ProofJSON.parse(data).verify().isValid) ?? false
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

    @Test("inclusion proofs recompute the RFC 6962 root for every leaf of small trees, and a longer path fails",
          arguments: [1, 2, 3, 5, 7, 8, 13] as [UInt64])
    func inclusionRoundTrip(size: UInt64) {
        // MTH and PATH straight from the recursive definitions of RFC 9162 §2.1.1 and §2.1.3.1.
        let leaves = (0..<size).map { RFC6962.leafHash(Array("leaf \($0)".utf8)) }
        func root(_ range: Range<Int>) -> [UInt8] {
            if range.count == 1 { return leaves[range.lowerBound] }
            let mid = range.lowerBound + Int(RFC6962.splitPoint(UInt64(range.count)))
            return RFC6962.nodeHash(root(range.lowerBound..<mid), root(mid..<range.upperBound))
        }
        func path(_ index: Int, _ range: Range<Int>) -> [[UInt8]] {
            if range.count == 1 { return [] }
            let mid = range.lowerBound + Int(RFC6962.splitPoint(UInt64(range.count)))
            return index < mid ? path(index, range.lowerBound..<mid) + [root(mid..<range.upperBound)]
                : path(index, mid..<range.upperBound) + [root(range.lowerBound..<mid)]
        }
        let expected = root(0..<Int(size))
        for index in 0..<Int(size) {
            let proof = InclusionProof(leafIndex: UInt64(index), treeSize: size, leafHash: leaves[index], rootHash: expected,
                                       hashes: path(index, 0..<Int(size)))
            #expect(proof.verify() == .valid, "leaf \(index) of \(size)")
            #expect(MerkleVerifier.rootFromInclusionProof(leafIndex: UInt64(index), treeSize: size, leafHash: leaves[index],
                                                          proof: proof.hashes + [expected]) == nil)
        }
        #expect(MerkleVerifier.rootFromInclusionProof(leafIndex: size, treeSize: size, leafHash: leaves[0], proof: []) == nil)
    }
}
