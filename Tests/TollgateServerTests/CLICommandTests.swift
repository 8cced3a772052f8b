import Foundation
import Testing
import TollgateModel
@testable import TollgateServer

/// `tollgate token …` and `tollgate serve`, run as the built binary.
@Suite("CLI token and serve commands", .serialized)
struct CLICommandTests {
    @Test("token create prints {token, id, role, expires} once; list never shows it; revoke stops it")
    func tokenCommands() async throws {
        let (directory, location) = try await TestServer.initialize()
        let data = location.directory.path
        let created = try await TollgateRun.run(["token", "create", "--role", "deployer", "--name", "cluster-a", "--expires", "90d",
                                           "--data", data, "--format", "json"])
        #expect(created.status == 0, "\(created.stderr)")
        let report = try JSONValue.parse(created.stdout)
        #expect(Set(report.objectValue?.keys.map { $0 } ?? []) == ["token", "id", "role", "expires"])
        #expect(report["role"]?.stringValue == "deployer")
        let token = try #require(report["token"]?.stringValue)
        let id = try #require(report["id"]?.stringValue)
        #expect(token.hasPrefix("tg_\(id)_"))
        let expires = try #require(report["expires"]?.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) })
        #expect(abs(expires.timeIntervalSinceNow - 90 * 86_400) < 600)
        // The same name again is refused while the first is active.
        let duplicate = try await TollgateRun.run(["token", "create", "--role", "reader", "--name", "cluster-a", "--data", data])
        #expect(duplicate.status == 3)
        #expect(duplicate.stderr.hasPrefix("error[store.conflict]"))
        let list = try await TollgateRun.run(["token", "list", "--data", data, "--format", "json"])
        #expect(list.status == 0)
        #expect(!list.text.contains(token) && !list.text.contains(String(token.suffix(43))))
        #expect(try JSONValue.parse(list.stdout)["tokens"]?[0]?["status"]?.stringValue == "active")
        // The token works against a server on that data, until revoked.
        let server = try await ServerProcess.start(["--data", data])
        #expect(try await TestServer.send(base: server.base, .GET, "/v1/whoami", bearer: token).json["role"]?.stringValue == "deployer")
        let revoked = try await TollgateRun.run(["token", "revoke", id, "--data", data])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try await TestServer.send(base: server.base, .GET, "/v1/whoami", bearer: token).status == 401)
        #expect(try await TollgateRun.run(["token", "revoke", "ffffffffffffffff", "--data", data]).status == 3)
        #expect(try await TollgateRun.run(["token", "create", "--role", "root", "--name", "x", "--data", data]).status == 2)
        server.signal(SIGTERM)
        #expect(await server.wait() == 0)
        try? FileManager.default.removeItem(at: directory)
    }

    @Test("`tollgate serve` runs tollgate-server with the same arguments")
    func serveRunsTheServer() async throws {
        let help = try await TollgateRun.run(["serve", "--help"])
        #expect(help.status == 0)
        #expect(help.text.contains("--oidc-trust"), "\(help.text)")
        let missing = try await TollgateRun.run(["serve", "--data", "/nonexistent/tollgate-data", "--listen", "127.0.0.1:0"])
        #expect(missing.status == 4, "\(missing.stderr)")
        #expect(missing.stderr.hasPrefix("error[ledger.not-initialized]"), "\(missing.stderr)")
    }

    @Test("`incident --server` and `deploy record --server` ask a server with $TOLLGATE_TOKEN and print what the local mode prints")
    func serverMode() async throws {
        let server = try await TestServer.start()
        let digest = TestServer.digest("remote-app")
        #expect(try await server.register(digest).status == 201)
        let data = server.location.directory.path
        let deployed = try await TollgateRun.run(["deploy", "record", "--environment", "production", "--service", "app",
                                            "--image", "registry.example/acme/app@\(digest)", "--server", server.base, "--format", "json"],
                                           environment: ["TOLLGATE_TOKEN": server.tokens[.deployer]!])
        #expect(deployed.status == 0, "\(deployed.stderr)")
        let report = try JSONValue.parse(deployed.stdout)
        #expect(report["schemaVersion"]?.stringValue == "tollgate.dev/deploy/v1")
        #expect(report["deployments"]?[0]?["digestFrom"]?.stringValue == "reference")
        let index = report["deployments"]?[0]?["ledgerIndex"]?.intValue ?? -1
        #expect(try await server.request(.GET, "/v1/ledger/entries/\(index)", role: .auditor).json["actor"]?.stringValue
                == "token:\(server.names[.deployer]!)")
        // The same question, asked of the server and of the data directory, gets the same bytes.
        let remote = try await TollgateRun.run(["incident", "--artifact", digest.description, "--server", server.base, "--format", "json"],
                                         environment: ["TOLLGATE_TOKEN": server.tokens[.auditor]!])
        let local = try await TollgateRun.run(["incident", "--artifact", digest.description, "--data", data, "--format", "json"])
        #expect(remote.status == 1, "\(remote.stderr)")
        #expect(local.status == 1, "\(local.stderr)")
        #expect(remote.text == local.text)
        // Refusals carry the server's code; a reader may not ask about incidents.
        let refused = try await TollgateRun.run(["incident", "--artifact", digest.description, "--server", server.base],
                                          environment: ["TOLLGATE_TOKEN": server.tokens[.reader]!])
        #expect(refused.status == 4)
        #expect(refused.stderr.contains("server.forbidden"), "\(refused.stderr)")
        try await server.stop()
    }
}
