import Foundation
import Testing
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateStorePostgres
import TollgateStoreSQLite
import TollgateTransparency

/// Runs the built `tollgate` binary as separate writer processes: the kill -9 durability test
/// and the multi-process concurrency tests (SQLite file and PostgreSQL).
@Suite("Ledger writer processes", .serialized)
struct ProcessTests {
    static let binary: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent(".build/debug/tollgate")
    }()

    /// Runs `tollgate` to completion and returns (status, stdout).
    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { try input.fileHandleForWriting.write(contentsOf: stdin) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Parses `INDEX LEAFHASH` acknowledgement lines; an incomplete last line (cut by a kill) is ignored.
    static func acknowledgements(_ output: String) -> [(UInt64, String)] {
        var out: [(UInt64, String)] = []
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.dropLast() {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let index = UInt64(parts[0]), parts[1].count == 64 else { continue }
            out.append((index, String(parts[1])))
        }
        return out
    }

    static func lines(_ tag: String, count: Int, pad: Int = 200) -> Data {
        let filler = String(repeating: "p", count: pad)
        return Data((0..<count).map { "{\"kind\":\"note\",\"payload\":{\"w\":\"\(tag)\",\"i\":\($0),\"pad\":\"\(filler)\"}}\n" }.joined().utf8)
    }

    static func tempDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every acknowledged entry is present and unchanged, the tree recomputes to a valid signed
    /// checkpoint, successive checkpoints are consistent, and fsck is clean.
    static func checkLog(data: URL, acknowledged: [(UInt64, String)], store: any LedgerStore) async throws {
        var seen: [UInt64: String] = [:]
        for (index, hash) in acknowledged {
            if let earlier = seen[index] { #expect(earlier == hash, "index \(index) acknowledged twice with different entries") }
            seen[index] = hash
        }
        #expect(seen.count == acknowledged.count, "an index was acknowledged twice")
        let signer = try LogKeyFile.load(path: data.appendingPathComponent("ledger.key").path)
        let ledger = try await Ledger.open(store: store, signer: signer)
        let size = try await ledger.size()
        for (index, hash) in seen {
            #expect(index < size, "acknowledged index \(index) is beyond the log size \(size)")
            guard index < size else { continue }
            #expect(Hex.encode(RFC6962.leafHash(try await ledger.leafData(at: index))) == hash, "entry \(index) changed")
        }
        let final = try await ledger.checkpoint()
        let verifier = signer.verifier
        #expect(CheckpointVerifier.verify(note: Array(final.note.utf8), verifiers: [verifier], origin: ledger.origin).isValid)
        // Never forked: every stored checkpoint is consistent with the next one.
        let stored = try await store.checkpoints(in: 0...final.checkpoint.size)
        var previous: Checkpoint? = nil
        for item in stored {
            guard case .valid(let verified) = CheckpointVerifier.verify(note: Array(item.note.utf8), verifiers: [verifier]) else {
                Issue.record("stored checkpoint at \(item.size) does not verify")
                continue
            }
            if let previous, previous.size > 0 {
                let proof = try await ledger.consistencyProof(from: previous.size, to: verified.checkpoint.size)
                #expect(proof.root1 == previous.rootHash && proof.root2 == verified.checkpoint.rootHash)
                #expect(proof.verify().isValid, "checkpoint \(previous.size) → \(verified.checkpoint.size) inconsistent")
            }
            previous = verified.checkpoint
        }
        let report = try await LedgerChecker(store: store, verifiers: [verifier], origin: ledger.origin).check()
        #expect(report.isHealthy, "\(report.problem ?? "")")
    }

    @Test("kill -9 at random points never loses an acknowledged entry or forks the log")
    func killNine() async throws {
        signal(SIGPIPE, SIG_IGN)
        let directory = try Self.tempDirectory()
        let data = directory.appendingPathComponent("data")
        #expect(try Self.run(["ledger", "init", "--data", data.path, "--origin", "tollgate.test/kill9"]).0 == 0)
        var acknowledged: [(UInt64, String)] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let process = Process()
            process.executableURL = Self.binary
            process.arguments = ["ledger", "append", "-", "--data", data.path]
            let output = Pipe()
            let input = Pipe()
            process.standardOutput = output
            process.standardInput = input
            process.standardError = FileHandle.nullDevice
            try process.run()
            let payload = Self.lines("r\(round)", count: 30_000)
            let writer = Thread {
                let fd = input.fileHandleForWriting.fileDescriptor
                payload.withUnsafeBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = write(fd, raw.baseAddress! + offset, min(65536, raw.count - offset))
                        if n <= 0 { break }
                        offset += n
                    }
                }
            }
            writer.start()
            let collected = OutputCollector()
            let reader = Thread {
                collected.set(output.fileHandleForReading.readDataToEndOfFile())
            }
            reader.start()
            if round % 3 == 1 { _ = try? Self.run(["ledger", "checkpoint", "--data", data.path]) }
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...900, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? input.fileHandleForWriting.close()
            while !collected.done { try await Task.sleep(for: .milliseconds(10)) }
            let acks = Self.acknowledgements(String(decoding: collected.data, as: UTF8.self))
            acknowledged += acks
        }
        #expect(acknowledged.count > 0, "no writer acknowledged anything before being killed")
        let store = try LedgerStoreSQLite(path: data.appendingPathComponent("ledger.sqlite").path)
        try await Self.checkLog(data: data, acknowledged: acknowledged, store: store)
    }

    static func concurrentWriters(data: URL, writers: Int, perWriter: Int) async throws -> [(UInt64, String)] {
        let files = try (0..<writers).map { writer -> URL in
            let file = data.deletingLastPathComponent().appendingPathComponent("w\(writer).jsonl")
            try Self.lines("w\(writer)", count: perWriter, pad: 50).write(to: file)
            return file
        }
        return try await withThrowingTaskGroup(of: [(UInt64, String)].self) { group in
            for file in files {
                group.addTask {
                    let (status, output) = try Self.run(["ledger", "append", file.path, "--data", data.path])
                    #expect(status == 0)
                    return Self.acknowledgements(output)
                }
            }
            group.addTask {
                for _ in 0..<4 {
                    _ = try Self.run(["ledger", "checkpoint", "--data", data.path])
                    try await Task.sleep(for: .milliseconds(100))
                }
                return []
            }
            var all: [(UInt64, String)] = []
            for try await acks in group { all += acks }
            return all
        }
    }

    @Test("several processes append to one SQLite file without duplicate or lost indices")
    func multiProcessSQLite() async throws {
        let directory = try Self.tempDirectory()
        let data = directory.appendingPathComponent("data")
        #expect(try Self.run(["ledger", "init", "--data", data.path, "--origin", "tollgate.test/multi"]).0 == 0)
        let acks = try await Self.concurrentWriters(data: data, writers: 4, perWriter: 800)
        #expect(acks.count == 3200)
        #expect(Set(acks.map(\.0)) == Set(0..<3200))
        let store = try LedgerStoreSQLite(path: data.appendingPathComponent("ledger.sqlite").path)
        try await Self.checkLog(data: data, acknowledged: acks, store: store)
    }

    @Test("several processes append to one PostgreSQL database without duplicate or lost indices")
    func multiProcessPostgres() async throws {
        let url = try #require(Backend.postgresURL, "TOLLGATE_TEST_POSTGRES must be set (scripts/test.sh starts PostgreSQL)")
        let directory = try Self.tempDirectory()
        let data = directory.appendingPathComponent("data")
        let schema = "p_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        #expect(try Self.run(["ledger", "init", "--data", data.path, "--origin", "tollgate.test/pg",
                              "--postgres", url, "--schema", String(schema)]).0 == 0)
        let acks = try await Self.concurrentWriters(data: data, writers: 4, perWriter: 800)
        #expect(acks.count == 3200)
        #expect(Set(acks.map(\.0)) == Set(0..<3200))
        let store = try LedgerStorePostgres(url: url, schema: String(schema))
        try await Self.checkLog(data: data, acknowledged: acks, store: store)
    }
}

/// Collects a reader thread's output for the test task.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var _data = Data()
    private var _done = false

    func set(_ data: Data) {
        lock.lock(); defer { lock.unlock() }
        _data = data
        _done = true
    }

    var done: Bool { lock.lock(); defer { lock.unlock() }; return _done }
    var data: Data { lock.lock(); defer { lock.unlock() }; return _data }
}
