import Foundation
import Testing
import TollgateLedger
import TollgateTransparency

@Suite("Tessera tlog-tiles log")
struct TesseraTileTests {
    static let log = Fixtures.url("checkpoint/tessera-posix-log")
    static let key = "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx"
    static let words = ["one", "two", "three", "four", "five", "six", "seven", "eit", "nain", "ten", "ileven",
                        "twelf", "threeten", "fourten", "fivten"]

    static func checkpoint(_ size: Int) throws -> VerifiedCheckpoint {
        let bytes = Array(try Data(contentsOf: log.appendingPathComponent("checkpoint.\(size)")))
        guard case .valid(let verified) = CheckpointVerifier.verify(note: bytes, verifiers: [try NoteVerifierKey.parse(key)],
                                                                    origin: "example.com/log/testdata") else {
            throw LedgerError(.invalidCheckpoint, "checkpoint.\(size) does not verify")
        }
        return verified
    }

    @Test("each entry bundle hashes to its tile, and its Merkle root to the checkpoint of that size", arguments: 1...15)
    func bundles(_ width: Int) async throws {
        let source = TileDirectory(root: Self.log)
        let bundle = try #require(try await source.read(TilePath.entryBundle(index: 0, width: UInt64(width))))
        let entries = try EntryBundle.decode(bundle)
        #expect(entries.map { String(decoding: $0, as: UTF8.self) } == Array(Self.words.prefix(width)))
        let tile = try #require(try await source.read(TilePath.hashTile(level: 0, index: 0, width: UInt64(width))))
        #expect(entries.flatMap { RFC6962.leafHash($0) } == tile)
        let root = RFC6962.rootHash(leafHashes: entries.map { RFC6962.leafHash($0) })
        #expect(root == (try Self.checkpoint(width)).checkpoint.rootHash)
        // The root recomputed from the tiles alone.
        let reader = TileNodeReader(source: source, treeSize: UInt64(width))
        #expect(try await ProofBuilder(reader: reader).rootHash(size: UInt64(width)) == root)
    }

    @Test("every consistency proof between two checkpoints is computed from the tiles and verifies")
    func consistencyFromTiles() async throws {
        let source = TileDirectory(root: Self.log)
        for size2 in 1...15 {
            let new = try Self.checkpoint(size2).checkpoint
            let builder = ProofBuilder(reader: TileNodeReader(source: source, treeSize: UInt64(size2)))
            for size1 in 1...size2 {
                let old = try Self.checkpoint(size1).checkpoint
                let proof = try await builder.consistencyProof(size1: UInt64(size1), size2: UInt64(size2))
                let verdict = MerkleVerifier.verifyConsistency(size1: old.size, size2: new.size, root1: old.rootHash,
                                                               root2: new.rootHash, proof: proof)
                #expect(verdict.isValid, "\(size1) → \(size2): \(verdict)")
            }
        }
    }

    @Test("tile paths follow the tlog-tiles index encoding", arguments: [
        (UInt64(0), "000"), (UInt64(1234067), "x001/x234/067"), (UInt64(999), "999"), (UInt64(1000), "x001/000"),
    ])
    func tilePaths(_ index: UInt64, _ expected: String) {
        #expect(TilePath.encode(index) == expected)
    }
}
