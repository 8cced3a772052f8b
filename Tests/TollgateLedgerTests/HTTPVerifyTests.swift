import Foundation
import Testing
import TollgateLedger

/// `tollgate ledger verify --log http://…` through the built binary against a loopback server:
/// the same audit as from a directory, plus the HTTP failure modes (missing checkpoint,
/// oversized response, unreachable server), each with its documented error code and exit status.
@Suite("tollgate ledger verify over HTTP", .serialized)
struct HTTPVerifyTests {
    /// The JSON object printed by `--format json`.
    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    static func errorCode(_ text: String) -> String? {
        (json(text)["error"] as? [String: Any])?["code"] as? String
    }

    @Test("first sight, a consistent extension and a rollback, fetched over HTTP")
    func auditOverHTTP() async throws {
        let directory = try ProcessTests.tempDirectory()
        let data = directory.appendingPathComponent("data").path
        let state = directory.appendingPathComponent("state").path
        let tiles = directory.appendingPathComponent("tiles")
        let old = directory.appendingPathComponent("old")
        #expect(try ProcessTests.run(["ledger", "init", "--data", data]).0 == 0)
        #expect(try ProcessTests.run(["ledger", "append", "-", "--data", data], stdin: ProcessTests.lines("http", count: 40)).0 == 0)
        #expect(try ProcessTests.run(["ledger", "export-tiles", old.path, "--data", data]).0 == 0)
        #expect(try ProcessTests.run(["ledger", "append", "-", "--data", data], stdin: ProcessTests.lines("http2", count: 700)).0 == 0)
        #expect(try ProcessTests.run(["ledger", "export-tiles", tiles.path, "--data", data]).0 == 0)

        let verify = { (url: String) in
            try ProcessTests.run(["ledger", "verify", "--log", url, "--state", state, "--data", data, "--format", "json"])
        }
        try await StaticHTTPServer.serving([old, tiles]) { urls in
            let (firstStatus, first) = try verify(urls[0])
            #expect(firstStatus == 0, "\(first)")
            #expect(Self.json(first)["verdict"] as? String == "first-seen")
            // 740 entries: the consistency proof from 40 needs full and partial tiles at two levels.
            let (nextStatus, next) = try verify(urls[1])
            #expect(nextStatus == 0, "\(next)")
            #expect(Self.json(next)["verdict"] as? String == "consistent", "\(next)")
            let (rollbackStatus, rollback) = try verify(urls[0])
            #expect(rollbackStatus == 1)
            #expect(Self.json(rollback)["verdict"] as? String == "rollback", "\(rollback)")
        }
    }

    @Test("a missing checkpoint, an oversized response and an unreachable server are errors, not verdicts")
    func httpFailures() async throws {
        let directory = try ProcessTests.tempDirectory()
        let data = directory.appendingPathComponent("data").path
        let state = directory.appendingPathComponent("state").path
        #expect(try ProcessTests.run(["ledger", "init", "--data", data]).0 == 0)
        let empty = directory.appendingPathComponent("empty")
        let big = directory.appendingPathComponent("big")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: big, withIntermediateDirectories: true)
        try Data(count: TileDirectory.maxFileSize + 1).write(to: big.appendingPathComponent("checkpoint"))
        let closed = try await StaticHTTPServer.serving([empty]) { $0[0] }
        let verify = { (url: String) in
            try ProcessTests.run(["ledger", "verify", "--log", url, "--state", state, "--data", data, "--format", "json"])
        }
        try await StaticHTTPServer.serving([empty, big]) { urls in
            let (missingStatus, missing) = try verify(urls[0])
            #expect(missingStatus == 4 && Self.errorCode(missing) == "ledger.io", "\(missing)")
            let (bigStatus, oversized) = try verify(urls[1])
            #expect(bigStatus == 3 && Self.errorCode(oversized) == "ledger.too-large", "\(oversized)")
        }
        let (closedStatus, unreachable) = try verify(closed)
        #expect(closedStatus == 4 && Self.errorCode(unreachable) == "ledger.io", "\(unreachable)")
        // Nothing was remembered from the failed audits.
        let remembered = (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []
        #expect(remembered.isEmpty)
    }
}
