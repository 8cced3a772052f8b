// LedgerBench: durable append throughput (SQLite, PostgreSQL) with 1 KiB entries, and proof
// generation latency at 10 million entries with memory sampled as the log grows.
//
//   swift build -c release --package-path Benchmarks --product LedgerBench
//   Benchmarks/.build/release/LedgerBench append-sqlite [ENTRIES] [CONCURRENCY]
//   Benchmarks/.build/release/LedgerBench append-postgres URL [ENTRIES] [CONCURRENCY]
//   Benchmarks/.build/release/LedgerBench proofs [SIZE] [SAMPLES]
import Foundation
import TollgateLedger
import TollgateStore
import TollgateStorePostgres
import TollgateStoreSQLite
import TollgateTransparency
import Crypto

let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "help"

func residentMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        return kb / 1024
    }
    return 0
}

func signer() throws -> Ed25519NoteSigner {
    try Ed25519NoteSigner(name: "bench.tollgate/ledger", privateKey: Curve25519.Signing.PrivateKey())
}

let padding = [UInt8](repeating: UInt8(ascii: "x"), count: 1024)

func entry(_ i: Int, payloadBytes: Int) throws -> LedgerEntryDraft {
    // A 1 KiB JSON payload (inline), as the issue's benchmark asks.
    var payload = Data("{\"i\":\(i),\"pad\":\"".utf8)
    payload.append(contentsOf: padding.prefix(max(0, payloadBytes - payload.count - 2)))
    payload.append(contentsOf: Array("\"}".utf8))
    return try LedgerEntryDraft(kind: .note, actor: "bench", payload: payload)
}

func tempPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerbench-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

/// `concurrency` clients append sequentially (each waits for its durable ack), as gate processes do.
func appendThroughput(store: any LedgerStore, entries: Int, concurrency: Int) async throws -> Double {
    let ledger = try await Ledger.open(store: store, signer: try signer())
    let prepared = try (0..<entries).map { try entry($0, payloadBytes: 1024) }
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for client in 0..<concurrency {
            group.addTask {
                var i = client
                while i < entries {
                    _ = try await ledger.append(prepared[i])
                    i += concurrency
                }
            }
        }
        try await group.waitForAll()
    }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let size = try await ledger.size()
    precondition(size == UInt64(entries), "expected \(entries) entries, found \(size)")
    return Double(entries) / seconds
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.down)))]
}

func micros(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
}

/// Times random inclusion and consistency proofs. Nonisolated, so the loop runs on the global
/// executor as a server's request handlers do, not hopping to the main actor after every proof.
nonisolated func measureProofs(ledger: Ledger, treeSize: UInt64, samples: Int) async throws {
    var generator = SystemRandomNumberGenerator()
    for kind in ["inclusion", "consistency"] {
        var times: [Double] = []
        times.reserveCapacity(samples)
        for _ in 0..<samples {
            let start = ContinuousClock.now
            if kind == "inclusion" {
                let index = UInt64.random(in: 0..<treeSize, using: &generator)
                let proof = try await ledger.inclusionProof(index: index, size: treeSize)
                times.append(micros(ContinuousClock.now - start))
                precondition(treeSize < 2 || !proof.hashes.isEmpty)
            } else {
                let size1 = UInt64.random(in: 1..<treeSize, using: &generator)
                let proof = try await ledger.consistencyProof(from: size1, to: treeSize)
                times.append(micros(ContinuousClock.now - start))
                precondition(!proof.hashes.isEmpty)
            }
        }
        // Spot-check correctness outside the timed loop.
        let check = try await ledger.inclusionProof(index: treeSize / 3, size: treeSize)
        precondition(check.verify().isValid)
        let consistency = try await ledger.consistencyProof(from: treeSize / 7, to: treeSize)
        precondition(consistency.verify().isValid)
        let sorted = times.sorted()
        print("\(kind) proof at \(treeSize) entries: p50 \(String(format: "%.0f", percentile(sorted, 0.5))) µs, p99 \(String(format: "%.0f", percentile(sorted, 0.99))) µs, max \(String(format: "%.0f", sorted.last ?? 0)) µs (\(samples) samples), RSS \(String(format: "%.1f", residentMiB())) MiB")
    }
}

switch mode {
case "append-sqlite":
    let entries = arguments.count > 1 ? Int(arguments[1]) ?? 200_000 : 200_000
    let concurrency = arguments.count > 2 ? Int(arguments[2]) ?? 512 : 512
    var rates: [Double] = []
    for run in 1...3 {
        let store = try LedgerStoreSQLite(path: tempPath("ledger.sqlite"))
        let rate = try await appendThroughput(store: store, entries: entries, concurrency: concurrency)
        print("run \(run): \(Int(rate)) appends/s (SQLite, synchronous=FULL, \(entries) x 1 KiB, \(concurrency) clients)")
        rates.append(rate)
    }
    print("median: \(Int(rates.sorted()[1])) appends/s")
case "append-postgres":
    guard arguments.count > 1 else { fatalError("usage: append-postgres URL [ENTRIES] [CONCURRENCY]") }
    let entries = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
    let concurrency = arguments.count > 3 ? Int(arguments[3]) ?? 512 : 512
    var rates: [Double] = []
    for run in 1...3 {
        let schema = "bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let store = try LedgerStorePostgres(url: arguments[1], schema: String(schema))
        let rate = try await appendThroughput(store: store, entries: entries, concurrency: concurrency)
        print("run \(run): \(Int(rate)) appends/s (PostgreSQL, \(entries) x 1 KiB, \(concurrency) clients)")
        rates.append(rate)
        await store.close()
    }
    print("median: \(Int(rates.sorted()[1])) appends/s")
case "proofs":
    let size = arguments.count > 1 ? Int(arguments[1]) ?? 10_000_000 : 10_000_000
    let samples = arguments.count > 2 ? Int(arguments[2]) ?? 20_000 : 20_000
    let path = arguments.count > 3 ? arguments[3] : tempPath("ledger.sqlite")
    let store = try LedgerStoreSQLite(path: path)
    let ledger = try await Ledger.open(store: store, signer: try signer(), maxBatch: 65_536)
    var current = Int(try await ledger.size())
    let buildStart = ContinuousClock.now
    var nextReport = max(current, 1) 
    // Small entries (tens of bytes) so the 10M-entry tree builds in minutes; proofs do not read entries.
    while current < size {
        let count = min(65_536, size - current)
        let batch = try (current..<current + count).map {
            try LedgerEntryDraft(kind: .note, actor: "b", payload: Data("\($0)".utf8))
        }
        _ = try await ledger.append(contentsOf: batch)
        current += count
        if current >= nextReport || current == size {
            print("built \(current) entries, RSS \(String(format: "%.1f", residentMiB())) MiB, \(ContinuousClock.now - buildStart)")
            nextReport = current * 2
        }
    }
    try await measureProofs(ledger: ledger, treeSize: UInt64(size), samples: samples)
default:
    print("usage: LedgerBench append-sqlite [ENTRIES] [CONCURRENCY] | append-postgres URL [ENTRIES] [CONCURRENCY] | proofs [SIZE] [SAMPLES] [DBPATH]")
}
