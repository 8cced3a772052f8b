import Foundation
import Testing
import TollgateLedger
import TollgateStore
import TollgateTransparency

/// Entry times are the ledger's clock, stamped under the store's write lock, and never decrease
/// along the log (docs/ledger.md#time).
@Suite("Ledger time")
struct LedgerTimeTests {
    static func payload(_ i: Int) -> Data { Data("{\"i\":\(i)}".utf8) }

    /// Every entry's time, in index order, read back from the store.
    static func times(_ ledger: Ledger) async throws -> [Date] {
        var out: [Date] = []
        for index in 0..<(try await ledger.size()) { out.append(try await ledger.entry(at: index).time) }
        return out
    }

    static func isNonDecreasing(_ times: [Date]) -> Bool {
        zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }
    }

    @Test("a clock that goes backwards still yields non-decreasing entry times", arguments: Backend.allCases)
    func clockStepsBack(_ backend: Backend) async throws {
        let test = try TestStore.make(backend)
        let clock = ScriptedClock([1_800_000_100, 1_800_000_050, 1_800_000_200.25, 1_700_000_000, 1_800_000_300])
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer, clock: { clock.now() })
        var receipts: [LedgerReceipt] = []
        // One append at a time: each is its own batch, so each reads the clock once.
        for i in 0..<4 { receipts.append(try await ledger.append(kind: .note, actor: "test", payload: Self.payload(i))) }
        // A batch is stamped once: every entry in it has the same time.
        receipts += try await ledger.append(contentsOf: (4..<7).map { try LedgerEntryDraft(kind: .note, actor: "test", payload: Self.payload($0)) })
        #expect(receipts.map(\.time.timeIntervalSince1970) == [1_800_000_100, 1_800_000_100, 1_800_000_200.25, 1_800_000_200.25,
                                                               1_800_000_300, 1_800_000_300, 1_800_000_300])
        #expect(try await Self.times(ledger) == receipts.map(\.time))
    }

    @Test("the receipt and the stored entry carry the ledger's clock time, truncated to milliseconds")
    func stampedFromClock() async throws {
        let test = try TestStore.make(.sqlite)
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer,
                                           clock: { Date(timeIntervalSince1970: 1_790_000_000.123_789) })
        let receipt = try await ledger.append(kind: .decisionMade, actor: "gate", payload: Self.payload(1))
        #expect(receipt.time == Date(timeIntervalSince1970: 1_790_000_000.123))
        let entry = try await ledger.entry(at: receipt.index)
        #expect(entry.time == receipt.time && entry.kind == .decisionMade && entry.actor == "gate")
        #expect(RFC6962.leafHash(entry.encoded()) == receipt.leafHash)
    }

    @Test("two ledgers on one store with skewed clocks, appending in turn and at once, yield non-decreasing times",
          arguments: Backend.allCases)
    func skewedWriters(_ backend: Backend) async throws {
        let test = try TestStore.make(backend)
        // Two writers as two processes would be: separate store objects on one database.
        let aheadClock = ScriptedClock((0..<400).map { 1_900_000_000 + Double($0) })
        let behindClock = ScriptedClock((0..<400).map { 1_800_000_000 + Double($0) })
        let ahead = try await Ledger.open(store: test.store, signer: TestKeys.signer, clock: { aheadClock.now() })
        let behind = try await Ledger.open(store: try test.reopen(), signer: TestKeys.signer, clock: { behindClock.now() })
        // In turn: the writer whose clock runs behind takes the time of the entry before it.
        var receipts: [LedgerReceipt] = []
        for i in 0..<3 {
            receipts.append(try await ahead.append(kind: .note, actor: "ahead", payload: Self.payload(i)))
            receipts.append(try await behind.append(kind: .note, actor: "behind", payload: Self.payload(i)))
        }
        #expect(receipts.map(\.index) == Array(0..<6))
        #expect(receipts.map(\.time.timeIntervalSince1970) == [1_900_000_000, 1_900_000_000, 1_900_000_001,
                                                               1_900_000_001, 1_900_000_002, 1_900_000_002])
        // At once: batches from both writers interleave in the store in any order.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (ledger, name) in [(ahead, "ahead"), (behind, "behind")] {
                for worker in 0..<4 {
                    group.addTask {
                        for i in 0..<25 { _ = try await ledger.append(kind: .note, actor: name, payload: Self.payload(worker * 100 + i)) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let times = try await Self.times(ahead)
        #expect(times.count == 206)
        #expect(Self.isNonDecreasing(times), "\(times.map(\.timeIntervalSince1970))")
        let report = try await LedgerChecker(store: test.store, verifiers: [TestKeys.signer.verifier]).check()
        #expect(report.isHealthy, "\(report.problem ?? "")")
    }

    @Test("an entry already in the log with a later time holds the next stamp back to it", arguments: Backend.allCases)
    func existingLaterEntry(_ backend: Backend) async throws {
        let test = try TestStore.make(backend)
        try await test.store.prepare()
        // An entry written before the ledger stamped its own times, with a caller's future time.
        let legacy = try LedgerEntry(kind: .note, time: Date(timeIntervalSince1970: 2_000_000_000), actor: "old",
                                     payload: Self.payload(0)).encoded()
        _ = try await test.store.integrate { head, _ in
            var range = try CompactRange(serialized: head.frontier)
            let leaf = LedgerLeaf(data: legacy, leafHash: RFC6962.leafHash(legacy))
            let nodes = range.append(leaf.leafHash)
            return LedgerIntegration(leaves: [leaf], nodes: nodes, head: LedgerHead(size: range.size, frontier: range.serialized()))
        }
        let ledger = try await Ledger.open(store: test.store, signer: TestKeys.signer, clock: { Date(timeIntervalSince1970: 1_800_000_000) })
        #expect(try await ledger.entry(at: 0).actor == "old")
        let receipt = try await ledger.append(kind: .note, actor: "new", payload: Self.payload(1))
        #expect(receipt.index == 1 && receipt.time == Date(timeIntervalSince1970: 2_000_000_000))
    }
}
