import Foundation
import Testing
import TollgateLedger
import TollgateStore
import TollgateTransparency

@Suite("Ledger on SQLite and PostgreSQL")
struct LedgerStoreTests {
    @Test("appended entries get consecutive indices and read back unchanged", arguments: Backend.allCases)
    func appendAndRead(_ backend: Backend) async throws {
        let test = try TestStore.make(backend)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        var receipts: [LedgerReceipt] = []
        for i in 0..<20 { receipts.append(try await ledger.append(try noteEntry(i))) }
        #expect(receipts.map(\.index) == Array(0..<20))
        #expect(try await ledger.size() == 20)
        for i in [0, 7, 19] {
            let entry = try await ledger.entry(at: UInt64(i))
            let draft = try noteEntry(i)
            #expect(entry.kind == draft.kind && entry.actor == draft.actor && entry.payload == draft.payload)
            #expect(entry.payloadDigest == draft.payloadDigest && entry.time == receipts[i].time)
            #expect(RFC6962.leafHash(try await ledger.leafData(at: UInt64(i))) == receipts[i].leafHash)
        }
        await #expect(throws: LedgerError.self) { try await ledger.entry(at: 20) }
    }

    @Test("concurrent appends are group-committed without duplicate or lost indices", arguments: Backend.allCases)
    func groupCommit(_ backend: Backend) async throws {
        let test = try TestStore.make(backend)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let receipts = try await withThrowingTaskGroup(of: LedgerReceipt.self) { group in
            for i in 0..<600 { group.addTask { try await ledger.append(try noteEntry(i)) } }
            var out: [LedgerReceipt] = []
            for try await receipt in group { out.append(receipt) }
            return out
        }
        #expect(Set(receipts.map(\.index)) == Set(0..<600))
        let bulk = try await ledger.append(contentsOf: (600..<1000).map { try noteEntry($0) })
        #expect(bulk.map(\.index) == Array(600..<1000))
        let report = try await LedgerChecker(store: test.store, verifiers: [TestKeys.signer.verifier]).check()
        #expect(report.isHealthy, "\(report)")
        #expect(report.entriesChecked == 1000)
    }

    @Test("inclusion and consistency proofs verify against signed checkpoints", arguments: Backend.allCases)
    func proofsAgainstCheckpoints(_ backend: Backend) async throws {
        let test = try TestStore.make(backend)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let verifier = TestKeys.signer.verifier
        var previous: Checkpoint? = nil
        var leaves: [[UInt8]] = []
        for round in 0..<5 {
            for i in 0..<(13 * round + 3) {
                let receipt = try await ledger.append(try noteEntry(round * 1000 + i))
                leaves.append(receipt.leafHash)
            }
            let signed = try await ledger.checkpoint()
            guard case .valid(let verified) = CheckpointVerifier.verify(note: Array(signed.note.utf8), verifiers: [verifier],
                                                                        origin: ledger.origin) else {
                Issue.record("checkpoint does not verify")
                return
            }
            let checkpoint = verified.checkpoint
            #expect(checkpoint.rootHash == RFC6962.rootHash(leafHashes: leaves))
            for index in [0, UInt64(leaves.count / 2), UInt64(leaves.count - 1)] {
                let proof = try await ledger.inclusionProof(index: index, size: checkpoint.size)
                #expect(proof.rootHash == checkpoint.rootHash)
                #expect(proof.leafHash == leaves[Int(index)])
                #expect(proof.verify() == .valid)
            }
            if let previous {
                let proof = try await ledger.consistencyProof(from: previous.size, to: checkpoint.size)
                #expect(proof.root1 == previous.rootHash && proof.root2 == checkpoint.rootHash)
                #expect(proof.verify() == .valid)
            }
            previous = checkpoint
        }
        #expect(try await ledger.latestCheckpoint()?.checkpoint == previous)
        await #expect(throws: LedgerError.self) { try await ledger.inclusionProof(index: 0, size: 100_000) }
    }

    @Test("a payload over the inline limit is stored by digest beside the log", arguments: Backend.allCases)
    func detachedBlob(_ backend: Backend) async throws {
        let test = try TestStore.make(backend)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let big = Data(repeating: 0x61, count: LedgerEntry.inlineLimit + 1)
        let entry = try LedgerEntryDraft(kind: .attestationStored, actor: "ci", payload: big)
        let receipt = try await ledger.append(entry)
        let leaf = try await ledger.leafData(at: receipt.index)
        #expect(leaf.count < 200)
        #expect(try await ledger.entry(at: receipt.index).payload == big)
        #expect(try await test.store.blob(digest: entry.payloadDigest.description) == big)
    }

    @Test("fsck names the first bad index after a flipped byte", arguments: Backend.allCases, [
        ("UPDATE ledger_entry SET data = overlay(data placing '\\x00'::bytea from 40 for 1) WHERE idx = 37", UInt64(37)),
        ("UPDATE ledger_node SET hash = overlay(hash placing '\\x00'::bytea from 5 for 1) WHERE id = 61", UInt64(61)),
        ("UPDATE ledger_node SET hash = overlay(hash placing '\\x00'::bytea from 5 for 1) WHERE id = (2::bigint << 56) | 5", UInt64(20)),
    ])
    func fsckDetectsCorruption(_ backend: Backend, _ corruption: (String, UInt64)) async throws {
        let test = try TestStore.make(backend)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        _ = try await ledger.append(contentsOf: (0..<100).map { try noteEntry($0) })
        _ = try await ledger.checkpoint()
        let checker = LedgerChecker(store: test.store, verifiers: [TestKeys.signer.verifier], origin: ledger.origin)
        #expect(try await checker.check().isHealthy)
        var sql = corruption.0
        if backend == .sqlite {
            // SQLite has no overlay(): flip with substr/zeroblob, keeping the same length.
            sql = sql.replacingOccurrences(of: "overlay(data placing '\\x00'::bytea from 40 for 1)",
                                           with: "substr(data, 1, 39) || x'ff' || substr(data, 41)")
                .replacingOccurrences(of: "overlay(hash placing '\\x00'::bytea from 5 for 1)",
                                      with: "substr(hash, 1, 4) || x'ff' || substr(hash, 6)")
                .replacingOccurrences(of: "(2::bigint << 56) | 5", with: "((2 << 56) | 5)")
        }
        try await test.executeUnsafe(sql)
        let report = try await checker.check()
        #expect(!report.isHealthy)
        #expect(report.firstBadIndex == corruption.1, "\(report.problem ?? "")")
    }

    @Test("signs checkpoints on a schedule as the log grows")
    func scheduledCheckpoints() async throws {
        let test = try TestStore.make(.sqlite)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let schedule = Task { try await ledger.runCheckpoints(every: .milliseconds(20)) }
        _ = try await ledger.append(contentsOf: (0..<25).map { try noteEntry($0) })
        var latest: UInt64 = 0
        for _ in 0..<100 where latest < 25 {
            try await Task.sleep(for: .milliseconds(20))
            latest = try await ledger.latestCheckpoint()?.checkpoint.size ?? 0
        }
        schedule.cancel()
        #expect(latest == 25)
    }
}

@Suite("Proofs from the upper-level node cache")
struct UpperNodeCacheTests {
    @Test("proofs past 4,096 leaves are the same when served from the cache, also after another writer appends", arguments: Backend.allCases)
    func cachedProofs(_ backend: Backend) async throws {
        let test = try TestStore.make(backend)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let receipts = try await ledger.append(contentsOf: (0..<9_000).map { try noteEntry($0) })
        let leaves = receipts.map(\.leafHash)
        let root = RFC6962.rootHash(leafHashes: leaves)
        for index in [0, 4_095, 4_096, 6_000, 8_999] as [UInt64] {
            let first = try await ledger.inclusionProof(index: index, size: 9_000)
            let second = try await ledger.inclusionProof(index: index, size: 9_000)
            #expect(first.rootHash == root && first.verify() == .valid)
            #expect(second.hashes == first.hashes && second.rootHash == root)
        }
        // Another ledger on the same store (as another process would be) extends the log; the
        // first one's cached upper nodes stay valid for the larger tree.
        let other = try await Ledger.open(store: test.store, signer: TestKeys.signer)
        let more = try await other.append(contentsOf: (9_000..<13_000).map { try noteEntry($0) })
        let all = leaves + more.map(\.leafHash)
        let proof = try await ledger.inclusionProof(index: 5_000, size: 13_000)
        #expect(proof.rootHash == RFC6962.rootHash(leafHashes: all) && proof.verify() == .valid)
        let consistency = try await ledger.consistencyProof(from: 9_000, to: 13_000)
        #expect(consistency.root1 == root && consistency.verify() == .valid)
        #expect(try await ledger.rootHash(size: 8_192) == RFC6962.rootHash(leafHashes: Array(all.prefix(8_192))))
        // A size the log has not reached is refused as out of range, even when every node the
        // proof needs up there is cached.
        do {
            _ = try await ledger.inclusionProof(index: 5_000, size: 13_001)
            Issue.record("a proof beyond the log was served")
        } catch let error as LedgerError {
            #expect(error.kind == .indexOutOfRange, "\(error)")
        }
    }
}
