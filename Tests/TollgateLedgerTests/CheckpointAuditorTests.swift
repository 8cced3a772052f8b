import Crypto
import Foundation
import Testing
import TollgateLedger
import TollgateStore
import TollgateStoreSQLite
import TollgateTransparency

@Suite("Client-side audit and witness")
struct CheckpointAuditorTests {
    /// A log in a fresh SQLite file with `count` entries, exported as tiles to `tiles`.
    static func export(_ ledger: Ledger, to tiles: URL) async throws {
        try await TileExporter(store: ledger.underlyingStore).export(checkpoint: try await ledger.checkpoint(), to: tiles)
    }

    @Test("exported tiles have the tlog-tiles layout and recompute to the checkpoint root")
    func exportedTiles() async throws {
        let test = try TestStore.make(.sqlite)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        _ = try await ledger.append(contentsOf: (0..<600).map { try noteEntry($0) })
        let tiles = test.directory.appendingPathComponent("tiles")
        try await Self.export(ledger, to: tiles)
        let source = TileDirectory(root: tiles)
        #expect(try await source.read("tile/0/000") != nil)
        #expect(try await source.read("tile/0/002.p/88") != nil)
        #expect(try await source.read("tile/1/000.p/2") != nil)
        #expect(try await source.read("tile/entries/001") != nil)
        let bundle = try #require(try await source.read("tile/entries/002.p/88"))
        #expect(try EntryBundle.decode(bundle).count == 88)
        let checkpoint = try #require(try await ledger.latestCheckpoint())
        let root = try await ProofBuilder(reader: TileNodeReader(source: source, treeSize: 600)).rootHash(size: 600)
        #expect(root == checkpoint.checkpoint.rootHash)
    }

    @Test("remembers the first checkpoint, accepts a consistent extension, and cosigns it")
    func consistent() async throws {
        let test = try TestStore.make(.sqlite)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let tiles = test.directory.appendingPathComponent("tiles")
        let state = test.directory.appendingPathComponent("state")
        _ = try await ledger.append(contentsOf: (0..<10).map { try noteEntry($0) })
        try await Self.export(ledger, to: tiles)
        let auditor = CheckpointAuditor(source: TileDirectory(root: tiles), verifiers: [TestKeys.signer.verifier], stateDirectory: state)
        #expect(try await auditor.audit().verdict == .firstSeen)
        _ = try await ledger.append(contentsOf: (10..<300).map { try noteEntry($0) })
        try await Self.export(ledger, to: tiles)
        let witness = try CosignatureV1Signer(name: "witness.test/w", privateKey: Curve25519.Signing.PrivateKey())
        let report = try await auditor.audit(cosigner: witness, now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(report.verdict == .consistent, "\(report.reason)")
        // The cosigned note verifies with the witness key over cosignature/v1.
        let note = try SignedNote(parsing: try #require(report.current?.note))
        let line = try #require(report.cosignature)
        let cosigned = try SignedNote(parsing: note.text + "\n" + note.signatures.map(\.line).joined() + line)
        #expect(cosigned.verify(with: [witness.verifier]) == .valid(verifiedBy: [
            VerifiedNoteSignature(name: "witness.test/w", keyID: witness.keyID, cosignatureTimestamp: 1_800_000_000)]))
    }

    @Test("reports a rollback and a fork with both checkpoints")
    func rollbackAndFork() async throws {
        let test = try TestStore.make(.sqlite)
        let state = test.directory.appendingPathComponent("state")
        // Log A: 50 entries, seen by the auditor.
        let a = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        _ = try await a.append(contentsOf: (0..<50).map { try noteEntry($0) })
        let tilesA = test.directory.appendingPathComponent("a")
        try await Self.export(a, to: tilesA)
        #expect(try await CheckpointAuditor(source: TileDirectory(root: tilesA), verifiers: [TestKeys.signer.verifier],
                                            stateDirectory: state).audit().verdict == .firstSeen)
        // Log B: same key, 30 entries (a rollback), then 50 different entries (a fork).
        let other = try TestStore.make(.sqlite)
        let b = try await Ledger.open(store: other.store, signer: TestKeys.signer)
        _ = try await b.append(contentsOf: (0..<30).map { try noteEntry($0) })
        let tilesB = other.directory.appendingPathComponent("b")
        try await Self.export(b, to: tilesB)
        let auditorB = CheckpointAuditor(source: TileDirectory(root: tilesB), verifiers: [TestKeys.signer.verifier], stateDirectory: state)
        let rollback = try await auditorB.audit()
        #expect(rollback.verdict == .rollback)
        #expect(rollback.previous?.size == 50 && rollback.current?.size == 30)
        _ = try await b.append(contentsOf: (1000..<1020).map { try noteEntry($0) })
        try await Self.export(b, to: tilesB)
        let fork = try await auditorB.audit()
        #expect(fork.verdict == .fork, "\(fork.reason)")
        _ = try await b.append(contentsOf: (2000..<2100).map { try noteEntry($0) })
        try await Self.export(b, to: tilesB)
        let forkLarger = try await auditorB.audit()
        #expect(forkLarger.verdict == .fork, "\(forkLarger.reason)")
        #expect(forkLarger.previous?.size == 50 && forkLarger.current?.size == 150)
    }

    @Test("the log key file is created with mode 0600 and refused when readable by others")
    func keyFilePermissions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("ledger.key").path
        let signer = try LogKeyFile.create(path: path, name: "tollgate.test/key")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try LogKeyFile.load(path: path).keyID == signer.keyID)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: LedgerError.self) { try LogKeyFile.load(path: path) }
    }
}
