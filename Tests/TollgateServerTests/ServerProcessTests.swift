import AsyncHTTPClient
import Foundation
import Synchronization
import Testing
import TollgateData
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateTransparency
@testable import TollgateServer

/// The `tollgate-server` binary as separate processes: graceful and hard stops lose no
/// acknowledged write, and two servers on one PostgreSQL neither lose nor duplicate entries.
@Suite("Server processes", .serialized)
struct ServerProcessTests {
    /// A publisher token made through the stores, as `tollgate token create` makes it.
    static func publisherToken(_ location: DataLocation) async throws -> String {
        let config = try location.loadConfig()
        let stores = try location.openStores(config)
        try await stores.prepare()
        let ledger = try await Ledger.open(store: stores.ledger, signer: try location.signer(for: config))
        return try await TokenAuthority(store: stores.tokens, ledger: ledger)
            .create(name: "loader-\(UUID().uuidString.prefix(8))", role: .publisher, lifetime: 3600, actor: "test").token.text
    }

    /// Registers `count` artifacts, spread over `bases`, `concurrency` at a time; returns the digests
    /// acknowledged (201). `after` runs once `trigger` have been acknowledged.
    static func load(_ bases: [String], token: String, count: Int, tag: String, concurrency: Int = 16,
                     trigger: Int = .max, after: @escaping @Sendable () -> Void = {}) async -> [Digest] {
        let acknowledged = Acknowledged()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<count {
                if i >= concurrency { await group.next() }
                group.addTask {
                    let digest = TestServer.digest("\(tag)-\(i)")
                    let body = Array(#"{"digest":"\#(digest)","name":"load-\#(i)"}"#.utf8)
                    guard let reply = try? await TestServer.send(base: bases[i % bases.count], .POST, "/v1/artifacts", bearer: token,
                                                                 body: body, contentType: "application/json"),
                          reply.status == 201 else { return }
                    if acknowledged.add(digest, trigger: trigger) { after() }
                }
            }
        }
        return acknowledged.digests
    }

    /// Every acknowledged artifact is registered and has exactly one `artifact.registered` entry;
    /// no entry is duplicated; the log passes fsck.
    static func checkDurable(_ location: DataLocation, acknowledged: [Digest]) async throws {
        let config = try location.loadConfig()
        let stores = try location.openStores(config)
        let signer = try location.signer(for: config)
        let size = try await stores.ledger.head().size
        var registrations: [String: Int] = [:]
        var start: UInt64 = 0
        while start < size {
            for data in try await stores.ledger.entries(in: start..<min(size, start + 1000)) {
                let entry = try LedgerEntry(decoding: data)
                guard entry.kind == .artifactRegistered, let payload = entry.payload,
                      let digest = (try JSONValue.parse(payload))["digest"]?.stringValue else { continue }
                registrations[digest, default: 0] += 1
            }
            start += 1000
        }
        for digest in acknowledged {
            #expect(try await stores.evidence.artifact(digest) != nil, "acknowledged \(digest) is not registered")
            #expect(registrations[digest.description] == 1, "acknowledged \(digest) has \(registrations[digest.description] ?? 0) entries")
        }
        #expect(registrations.values.allSatisfy { $0 == 1 }, "an artifact was registered twice")
        let report = try await LedgerChecker(store: stores.ledger, verifiers: [signer.verifier], origin: signer.name).check()
        #expect(report.isHealthy, "\(report.problem ?? "")")
    }

    @Test("SIGTERM finishes the requests in flight, exits 0 and loses no acknowledged write")
    func sigtermLosesNothing() async throws {
        let (directory, location) = try await TestServer.initialize()
        let token = try await Self.publisherToken(location)
        let server = try await ServerProcess.start(["--data", location.directory.path])
        let acknowledged = await Self.load([server.base], token: token, count: 400, tag: "term", trigger: 100) { server.signal(SIGTERM) }
        let status = await server.wait()
        #expect(status == 0, "\(server.logText)")
        #expect(acknowledged.count >= 100)
        try await Self.checkDurable(location, acknowledged: acknowledged)
        try? FileManager.default.removeItem(at: directory)
    }

    @Test("kill -9 loses no acknowledged write, and the server starts again on the same data")
    func killLosesNothing() async throws {
        let (directory, location) = try await TestServer.initialize()
        let token = try await Self.publisherToken(location)
        let server = try await ServerProcess.start(["--data", location.directory.path])
        let acknowledged = await Self.load([server.base], token: token, count: 400, tag: "kill", trigger: 100) { server.signal(SIGKILL) }
        _ = await server.wait()
        #expect(acknowledged.count >= 100)
        try await Self.checkDurable(location, acknowledged: acknowledged)
        let again = try await ServerProcess.start(["--data", location.directory.path])
        for digest in acknowledged.prefix(20) {
            #expect(try await TestServer.send(base: again.base, .GET, "/v1/artifacts/\(digest)", bearer: token).status == 200)
        }
        again.signal(SIGTERM)
        #expect(await again.wait() == 0)
        try? FileManager.default.removeItem(at: directory)
    }

    @Test("concurrent decisions and proofs on SQLite never stall the server (a blocking read once deadlocked its threads)")
    func concurrentDecisionsDoNotStall() async throws {
        let (directory, location) = try await TestServer.initialize()
        let config = try location.loadConfig()
        let stores = try location.openStores(config)
        try await stores.prepare()
        let ledger = try await Ledger.open(store: stores.ledger, signer: try location.signer(for: config))
        let authority = TokenAuthority(store: stores.tokens, ledger: ledger)
        let admin = try await authority.create(name: "admin", role: .admin, lifetime: 3600, actor: "test").token.text
        let signingKey = try PrivateKey.generate(.ecdsaP256)
        let keyFile = directory.appendingPathComponent("evidence-key.pem")
        try Data(signingKey.publicKey.pem.utf8).write(to: keyFile)
        let server = try await ServerProcess.start(["--data", location.directory.path, "--key", keyFile.path])
        defer { if server.process.isRunning { server.signal(SIGKILL) } }
        let policy = try await TestServer.send(base: server.base, .PUT, "/v1/policies/release", bearer: admin,
                                               body: Array(TestServer.policyYAML.utf8), contentType: "application/yaml")
        #expect(policy.status == 201, "\(policy.text)")
        let digests = (0..<8).map { TestServer.digest("stall-\($0)") }
        for digest in digests {
            let body = Array(#"{"digest":"\#(digest)","name":"app"}"#.utf8)
            #expect(try await TestServer.send(base: server.base, .POST, "/v1/artifacts", bearer: admin, body: body,
                                              contentType: "application/json").status == 201)
            // Evidence, so that each decision also reads blobs.
            #expect(try await TestServer.send(base: server.base, .POST, "/v1/artifacts/\(digest)/evidence?kind=attestation", bearer: admin,
                                              body: try TestServer.attestation(about: digest, key: signingKey),
                                              contentType: "application/json").status == 201)
        }
        // 32 at a time (more than the reader pool and the cooperative threads): decisions, each with
        // a receipt, inclusion proofs and entry reads.
        var all: [Int] = []
        await withTaskGroup(of: Int.self) { group in
            for i in 0..<1200 {
                if i >= 32, let status = await group.next() { all.append(status) }
                group.addTask {
                    let reply: TestServer.Reply?
                    if i % 4 == 2 {
                        reply = try? await TestServer.send(base: server.base, .GET, "/v1/ledger/proofs/inclusion?index=\(i % 10)&size=10",
                                                           bearer: admin)
                    } else if i % 4 == 3 {
                        reply = try? await TestServer.send(base: server.base, .GET, "/v1/ledger/entries/\(i % 10)", bearer: admin)
                    } else {
                        let body = Array(#"{"digest":"\#(digests[i % digests.count])","policy":"release"}"#.utf8)
                        reply = try? await TestServer.send(base: server.base, .POST, "/v1/decisions", bearer: admin, body: body,
                                                           contentType: "application/json")
                    }
                    return reply?.status ?? 0
                }
            }
            for await status in group { all.append(status) }
        }
        #expect(all.count == 1200)
        #expect(all.allSatisfy { $0 == 200 || $0 == 201 }, "\(Dictionary(grouping: all, by: { $0 }).mapValues(\.count))\n\(server.logText)")
        #expect(try await TestServer.send(base: server.base, .GET, "/readyz").status == 200)
        server.signal(SIGTERM)
        #expect(await server.wait() == 0)
        try? FileManager.default.removeItem(at: directory)
    }

    @Test("two server processes on one PostgreSQL serve one state, with no lost or duplicated ledger entries")
    func twoServerProcessesOnOnePostgreSQL() async throws {
        let (directory, location) = try await TestServer.initialize(postgres: true)
        let config = try location.loadConfig()
        let token = try await Self.publisherToken(location)
        let arguments = ["--database", config.postgresURL!, "--schema", config.postgresSchema!, "--ledger-key", location.keyPath,
                         "--data", directory.appendingPathComponent("replica").path]
        let first = try await ServerProcess.start(arguments)
        let second = try await ServerProcess.start(arguments)
        let acknowledged = await Self.load([first.base, second.base], token: token, count: 300, tag: "replica", concurrency: 24)
        #expect(acknowledged.count == 300, "\(first.logText)\n\(second.logText)")
        // Either replica answers for what the other wrote.
        for digest in acknowledged.prefix(30) {
            #expect(try await TestServer.send(base: first.base, .GET, "/v1/artifacts/\(digest)", bearer: token).status == 200)
            #expect(try await TestServer.send(base: second.base, .GET, "/v1/artifacts/\(digest)", bearer: token).status == 200)
        }
        first.signal(SIGTERM)
        second.signal(SIGTERM)
        #expect(await first.wait() == 0)
        #expect(await second.wait() == 0)
        try await Self.checkDurable(DataLocation(directory: directory.appendingPathComponent("replica").path,
                                                 databaseURL: config.postgresURL, schema: config.postgresSchema, keyPath: location.keyPath),
                                    acknowledged: acknowledged)
        try? FileManager.default.removeItem(at: directory)
    }

    @Test("`tollgate ledger verify --log URL` audits a running server's tiles")
    func ledgerVerifyAuditsARunningServer() async throws {
        let server = try await TestServer.start()
        for i in 0..<300 { #expect(try await server.register(TestServer.digest("audit-\(i)")).status == 201) }
        let state = try TestServer.temporaryDirectory()
        let key = try String(contentsOf: URL(fileURLWithPath: server.location.verifierKeyPath), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        func verify() async throws -> TollgateRun {
            // The checkpoint the server signs every 100 ms covers what was written.
            try await Task.sleep(for: .milliseconds(400))
            return try await TollgateRun.run(["ledger", "verify", "--log", server.base + "/v1/ledger", "--key", key,
                                        "--state", state.path, "--format", "json"])
        }
        let first = try await verify()
        #expect(first.status == 0, "\(first.stderr)")
        #expect((try? JSONValue.parse(first.stdout))?["verdict"]?.stringValue == "first-seen", "\(first.text)")
        for i in 0..<40 { _ = try await server.register(TestServer.digest("audit-more-\(i)")) }
        let second = try await verify()
        #expect(second.status == 0, "\(second.stderr)")
        #expect((try? JSONValue.parse(second.stdout))?["verdict"]?.stringValue == "consistent", "\(second.text)")
        try await server.stop()
    }
}

/// The digests a load acknowledged, shared by its requests.
final class Acknowledged: Sendable {
    private let state = Mutex<(digests: [Digest], fired: Bool)>(([], false))

    /// Records `digest`; true exactly once, when the count reaches `trigger`.
    func add(_ digest: Digest, trigger: Int) -> Bool {
        state.withLock { state in
            state.digests.append(digest)
            guard state.digests.count >= trigger, !state.fired else { return false }
            state.fired = true
            return true
        }
    }

    var digests: [Digest] { state.withLock { $0.digests } }
}
