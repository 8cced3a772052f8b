import Foundation
import Testing
import TollgateLedger
import TollgateModel
import TollgateStore
import TollgateStoreSQLite
@testable import TollgateServer

/// Continuous monitoring end to end: a running artifact allowed against yesterday's advisory
/// database is denied, recorded, alerted and summed up in a `reevaluation.run` entry once
/// `tollgate db import` (the CLI, another process) brings an advisory that affects it. The
/// advisories are real OSV records from examples/osv (PYSEC-2014-13: requests; PYSEC-2021-108:
/// urllib3 before 1.26.5).
@Suite("Re-evaluation on advisory change", .serialized, .timeLimit(.minutes(10)))
struct ReevaluationTests {
    static func osv(_ ids: [String], into directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for id in ids {
            try FileManager.default.copyItem(at: RepositoryFiles.root.appendingPathComponent("examples/osv/\(id).json"),
                                             to: directory.appendingPathComponent("\(id).json"))
        }
    }

    /// Publishes `release` (`maxSeverity: high`), registers `name` with an attested SBOM holding urllib3
    /// 1.26.4 and requests 2.31.0, has it allowed against today's database and deploys it to production.
    static func allowedAndRunning(_ server: TestServer, _ name: String) async throws -> Digest {
        let policy = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: release }
            artifact:
              signature: { required: false, keys: ["\(server.signingKey.publicKey.keyID)"] }
              vulnerabilities: { maxSeverity: high }
            """
        #expect(try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array(policy.utf8),
                                         contentType: "application/yaml").status == 201)
        let digest = TestServer.digest(name)
        try await server.register(digest, name: "shop")
        let sbom = #"{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"metadata":{"component":{"type":"application","name":"shop"}},"components":[{"type":"library","name":"urllib3","version":"1.26.4","purl":"pkg:pypi/urllib3@1.26.4"},{"type":"library","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0"}]}"#
        let attestation = try TestServer.attestation(about: digest, predicateType: "https://cyclonedx.org/bom", predicate: sbom, key: server.signingKey)
        let uploaded = try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=attestation", role: .publisher,
                                                body: attestation, contentType: "application/json")
        #expect(uploaded.status == 201, "\(uploaded.text)")
        let allowed = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#)
        #expect(allowed.json["decision"]?.stringValue == "allow", "\(allowed.text)")
        let deployed = try await server.json(.POST, "/v1/deployments", role: .deployer,
                                             #"{"environment":"production","service":"shop","image":"registry.example/acme/shop@\#(digest)"}"#)
        #expect(deployed.status == 201, "\(deployed.text)")
        return digest
    }

    @Test("a db import that adds an advisory affecting a running artifact re-evaluates it: a new denial, alerts and a reevaluation.run entry")
    func advisoryImportReevaluates() async throws {
        let scratch = try TestServer.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let database = scratch.appendingPathComponent("advisories.sqlite").path
        try Self.osv(["PYSEC-2014-13"], into: scratch.appendingPathComponent("before"))
        try Self.osv(["PYSEC-2021-108"], into: scratch.appendingPathComponent("after"))
        let first = try await TollgateRun.run(["db", "import", "--db", database, scratch.appendingPathComponent("before").path])
        #expect(first.status == 0, "\(first.stderr)")

        let server = try await TestServer.start { configuration in
            configuration.advisoryDatabase = database
            configuration.advisoryCheckInterval = .milliseconds(100)
        }
        let digest = try await Self.allowedAndRunning(server, "shop-with-urllib3"), rogue = TestServer.digest("deployed-by-hand")
        let deployed = try await server.json(.POST, "/v1/deployments", role: .deployer,
                                             #"{"environment":"production","service":"rogue","image":"registry.example/acme/rogue@\#(rogue)"}"#)
        #expect(deployed.status == 201, "\(deployed.text)")

        // The import, by another process, into the database the server reads.
        let second = try await TollgateRun.run(["db", "import", "--db", database, scratch.appendingPathComponent("after").path])
        #expect(second.status == 0, "\(second.stderr)")

        let stores = try server.location.openStores(try server.location.loadConfig())
        let ledger = try await Ledger.open(store: stores.ledger, signer: try server.location.signer(for: try server.location.loadConfig()))
        var run: JSONValue?
        let deadline = Date().addingTimeInterval(120)
        while run == nil, Date() < deadline {
            for index in 0..<(try await ledger.size()) {
                let entry = try await ledger.entry(at: index)
                if entry.kind == .reevaluationRun { run = try JSONValue.parse(entry.payload ?? Data()) }
            }
            if run == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let payload = try #require(run, "no reevaluation.run entry within 20 s")
        #expect(payload["schemaVersion"]?.stringValue == "tollgate.dev/ledger/reevaluation-run/v1")
        #expect(payload["trigger"]?.stringValue == "advisory-database-changed")
        let artifact = payload["artifacts"]?[0]
        #expect(artifact?["digest"]?.stringValue == digest.description)
        #expect(artifact?["decisions"]?["release"]?.stringValue == "deny", "\(payload)")
        #expect(artifact?["newDenials"]?[0]?.stringValue == "release")
        #expect(artifact?["newAdvisories"]?[0]?.stringValue == "PYSEC-2021-108")
        #expect(artifact?["environments"]?[0]?.stringValue == "production")
        #expect(payload["undecided"]?[0]?.stringValue == rogue.description, "a running digest no decision covers")

        // The new decision is recorded and served; the alerts are raised.
        let latest = try await server.request(.GET, "/v1/artifacts/\(digest)/decisions/release", role: .reader)
        #expect(latest.json["decision"]?.stringValue == "deny", "\(latest.text)")
        let newAdvisory = try await AlertTriggerTests.waitFor("advisory.new", on: server)
        #expect(newAdvisory?.subject == digest.description)
        #expect(newAdvisory?.summary.contains("production") == true)
        #expect(try await AlertTriggerTests.waitFor("decision.denied", on: server)?.subject == digest.description)
        #expect(try await AlertTriggerTests.waitFor("deployment.undecided", on: server)?.subject == rogue.description)
        try await server.stop()
    }

    @Test("POST /v1/reevaluations re-evaluates the running artifacts on demand: publisher only, answered with the recorded run")
    func onDemand() async throws {
        let server = try await TestServer.start()
        let policy = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: release }
            artifact:
              signature: { required: false, keys: ["\(server.signingKey.publicKey.keyID)"] }
            """
        #expect(try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array(policy.utf8),
                                         contentType: "application/yaml").status == 201)
        let digest = TestServer.digest("reevaluate-on-demand"), rogue = TestServer.digest("reevaluate-undecided")
        try await server.register(digest, name: "shop")
        #expect(try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#).status == 201)
        for (service, running) in [("shop", digest), ("rogue", rogue)] {
            #expect(try await server.json(.POST, "/v1/deployments", role: .deployer,
                                          #"{"environment":"staging","service":"\#(service)","image":"registry.example/acme/\#(service)@\#(running)"}"#).status == 201)
        }
        // Least privilege: it records decisions, so readers, auditors and deployers may not start it.
        #expect(try await server.request(.POST, "/v1/reevaluations").status == 401)
        for role in [Role.reader, .auditor, .deployer] {
            let refused = try await server.request(.POST, "/v1/reevaluations", role: role)
            #expect(refused.status == 403 && refused.code == "server.forbidden", "\(role): \(refused.status) \(refused.text)")
        }
        let reply = try await server.request(.POST, "/v1/reevaluations", role: .publisher)
        #expect(reply.status == 201, "\(reply.text)")
        #expect(reply.json["schemaVersion"]?.stringValue == "tollgate.dev/reevaluation/v1")
        let run = try #require(reply.json["run"])
        #expect(run["schemaVersion"]?.stringValue == "tollgate.dev/ledger/reevaluation-run/v1")
        #expect(run["trigger"]?.stringValue == "requested")
        #expect(run["requestedBy"]?.stringValue?.contains("test-publisher") == true, "\(run)")
        #expect(run["artifacts"]?.arrayValue?.count == 1)
        #expect(run["artifacts"]?[0]?["digest"]?.stringValue == digest.description)
        #expect(run["artifacts"]?[0]?["decisions"]?["release"]?.stringValue == "allow")
        #expect(run["artifacts"]?[0]?["environments"]?[0]?.stringValue == "staging")
        #expect(run["undecided"]?[0]?.stringValue == rogue.description)
        // The answer is the ledger entry it names.
        let index = try #require(reply.json["ledgerIndex"]?.intValue)
        let entry = try await server.request(.GET, "/v1/ledger/entries/\(index)", role: .auditor)
        #expect(entry.json["kind"]?.stringValue == "reevaluation.run", "\(entry.text)")
        let recorded = try #require(entry.json["payload"]?.stringValue)
        #expect(try JSONValue.parse(Array(recorded.utf8))["trigger"]?.stringValue == "requested")
        // The re-evaluation's decision is the newest one served.
        let decisionIndex = try #require(run["artifacts"]?[0]?["ledgerIndexes"]?[0]?.intValue)
        let listed = try await server.request(.GET, "/v1/artifacts/\(digest)/decisions", role: .reader)
        #expect(listed.json["decisions"]?[0]?["ledgerIndex"]?.intValue == decisionIndex, "\(listed.text)")
        try await server.stop()
    }

    /// The `reevaluation.run` entries so far, oldest first.
    static func runs(_ server: TestServer) async throws -> [JSONValue] {
        let config = try server.location.loadConfig()
        let stores = try server.location.openStores(config)
        let ledger = try await Ledger.open(store: stores.ledger, signer: try server.location.signer(for: config))
        var out: [JSONValue] = []
        for index in 0..<(try await ledger.size()) {
            let entry = try await ledger.entry(at: index)
            if entry.kind == .reevaluationRun { out.append(try JSONValue.parse(entry.payload ?? Data())) }
        }
        return out
    }

    /// Waits (at most 120 s) until `condition` holds.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("the scheduled import of a configured directory: a bad file imports nothing and alerts; a new advisory is imported and re-evaluates")
    func scheduledImport() async throws {
        let scratch = try TestServer.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let database = scratch.appendingPathComponent("advisories.sqlite").path
        let directory = scratch.appendingPathComponent("osv")
        try Self.osv(["PYSEC-2014-13"], into: directory)
        // The option's check: a directory that does not exist is refused when the command is parsed.
        #expect(throws: (any Error).self) { _ = try ServerCommand.parse(["--advisory-import-dir", scratch.appendingPathComponent("none").path]) }

        let server = try await TestServer.start { configuration in
            configuration.advisoryDatabase = database
            configuration.advisoryImportDirectory = directory.path
            configuration.advisoryImportInterval = .milliseconds(100)
            configuration.advisoryCheckInterval = .milliseconds(100)
        }
        // The server made the database and imported the directory it was started with.
        let advisories = try AdvisoryStoreSQLite(path: database)
        #expect(try await Self.eventually { try await advisories.advisoryCount() == 1 }, "the first import")
        let digest = try await Self.allowedAndRunning(server, "shop-scheduled-import")

        // A new advisory arrives with a file that is not an OSV record: nothing is imported, the error is alerted.
        try Self.osv(["PYSEC-2021-108"], into: directory)
        try Data("{\"id\": \"BROKEN-1\", \"modified\": ".utf8).write(to: directory.appendingPathComponent("broken.json"))
        let failed = try await AlertTriggerTests.waitFor("advisory.import-failed", on: server)
        #expect(failed?.subject == directory.path)
        #expect(try await advisories.advisoryCount() == 1, "no partial import: the previous database stays")
        #expect(try await advisories.advisories(ids: ["PYSEC-2021-108"]).isEmpty)

        // The bad file removed, the directory changed: the new advisory is imported and the running artifact re-evaluated.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("broken.json"))
        #expect(try await Self.eventually { try await advisories.advisoryCount() == 2 }, "the import after the fix")
        var run: JSONValue?
        #expect(try await Self.eventually {
            run = try await Self.runs(server).last { $0["artifacts"]?.arrayValue?.contains { $0["digest"]?.stringValue == digest.description } == true }
            return run != nil
        }, "a reevaluation.run entry about the running artifact")
        #expect(run?["trigger"]?.stringValue == "advisory-database-changed")
        #expect(run?["artifacts"]?[0]?["newAdvisories"]?[0]?.stringValue == "PYSEC-2021-108", "\(String(describing: run))")
        #expect(run?["artifacts"]?[0]?["decisions"]?["release"]?.stringValue == "deny")
        #expect(try await AlertTriggerTests.waitFor("advisory.new", on: server)?.subject == digest.description)
        try await server.stop()
    }
}
