import Foundation
import Testing
import TollgateModel
import TollgateStore
@testable import TollgateServer

@Suite("Deployments and incidents", .serialized)
struct InventoryRoutesTests {
    @Test("a deployer records deployments (one object or JSON Lines); an incident about the artifact finds where it runs")
    func deploymentsAndIncidents() async throws {
        let server = try await TestServer.start()
        let digest = TestServer.digest("deployed-app")
        #expect(try await server.register(digest, name: "app").status == 201)
        let one = try await server.json(.POST, "/v1/deployments", role: .deployer, """
            {
              "environment": "production", "cluster": "eu-1", "namespace": "shop", "service": "app",
              "image": "registry.example/acme/app@\(digest)"
            }
            """)
        #expect(one.status == 201, "\(one.text)")
        #expect(one.json["schemaVersion"]?.stringValue == "tollgate.dev/deploy/v1")
        #expect(one.json["deployments"]?[0]?["digestFrom"]?.stringValue == "reference")
        let lines = """
            {"environment":"staging","service":"app","image":"registry.example/acme/app@\(digest)"}
            {"environment":"staging","service":"other","image":"registry.example/acme/other:latest"}
            """
        let many = try await server.request(.POST, "/v1/deployments", role: .deployer, body: Array(lines.utf8), contentType: "application/x-ndjson")
        #expect(many.status == 201, "\(many.text)")
        #expect(many.json["unresolved"]?.intValue == 1)
        // The deployment's entry names the deployer's principal.
        let index = many.json["deployments"]?[0]?["ledgerIndex"]?.intValue ?? -1
        #expect(try await server.request(.GET, "/v1/ledger/entries/\(index)", role: .auditor).json["actor"]?.stringValue
                == "token:\(server.names[.deployer]!)")
        // A publisher may not record deployments; a bad line is refused whole.
        #expect(try await server.json(.POST, "/v1/deployments", role: .publisher, #"{"environment":"x","image":"y"}"#).status == 403)
        let bad = try await server.request(.POST, "/v1/deployments", role: .deployer,
                                           body: Array("{\"environment\":\"x\"}\n".utf8), contentType: "application/x-ndjson")
        #expect(bad.status == 400, "\(bad.text)")

        let answer = try await server.request(.GET, "/v1/incidents?artifact=\(digest)", role: .auditor)
        #expect(answer.status == 200, "\(answer.text)")
        #expect(answer.json["schemaVersion"]?.stringValue == "tollgate.dev/incident/v1")
        #expect(answer.json["status"]?.stringValue == "affected")
        #expect(answer.text.contains("production"))
        #expect(try await server.request(.GET, "/v1/incidents?artifact=\(digest)&builder=x", role: .auditor).status == 400)
        #expect(try await server.request(.GET, "/v1/incidents?component=not-a-purl", role: .auditor).status == 400)
        #expect(try await server.request(.GET, "/v1/incidents?artifact=\(digest)", role: .reader).status == 403)
        try await server.stop()
    }

    @Test("a repeated incident answer is the same bytes, and any inventory write — this server's or another process's — is in the next answer")
    func repeatedAnswersStayFresh() async throws {
        let server = try await TestServer.start()
        let digest = TestServer.digest("cached-incident-app")
        #expect(try await server.register(digest, name: "app").status == 201)
        func deploy(_ environment: String) async throws {
            let reply = try await server.json(.POST, "/v1/deployments", role: .deployer, """
                {"environment": "\(environment)", "service": "app", "image": "registry.example/acme/app@\(digest)"}
                """)
            #expect(reply.status == 201, "\(reply.text)")
        }
        try await deploy("production")
        let path = "/v1/incidents?artifact=\(digest)"
        let first = try await server.request(.GET, path, role: .auditor)
        #expect(first.status == 200, "\(first.text)")
        #expect(first.text.contains("production") && !first.text.contains("disaster-recovery"))
        let again = try await server.request(.GET, path, role: .auditor)
        #expect(again.text == first.text)
        // Through this server.
        try await deploy("disaster-recovery")
        let afterDeploy = try await server.request(.GET, path, role: .auditor)
        #expect(afterDeploy.text.contains("disaster-recovery"), "\(afterDeploy.text)")
        // Through another store object on the same data, as another process (`tollgate deploy record`) would.
        let other = try server.location.openStores(try server.location.loadConfig()).inventory
        let before = try #require(try await other.revision())
        var batch = InventoryBatch()
        batch.deployments.append(InventoryDeploymentRecord(environment: "canary", cluster: nil, namespace: nil, service: "app",
                                                           reference: nil, digest: digest, time: Date()))
        try await other.apply(batch)
        #expect(try await other.revision() ?? before > before)
        let afterOther = try await server.request(.GET, path, role: .auditor)
        #expect(afterOther.text.contains("canary"), "\(afterOther.text)")
        // Another query is its own entry.
        #expect(try await server.request(.GET, "/v1/incidents?builder=https://rogue.example", role: .auditor).text != afterOther.text)
        try await server.stop()
    }

    @Test("the incident answer cache keeps answers of the newest inventory revision only, and none over 1 MiB")
    func answerCacheLimits() {
        let cache = IncidentAnswerCache()
        func key(_ query: String, _ revision: Int64) -> IncidentAnswerCache.Key {
            IncidentAnswerCache.Key(query: query, versions: nil, policy: nil, advisoryRevision: nil, inventoryRevision: revision)
        }
        cache.store(Array("a1".utf8), for: key("artifact=a", 1))
        cache.store(Array("b1".utf8), for: key("artifact=b", 1))
        #expect(cache.answer(for: key("artifact=a", 1)) == Array("a1".utf8))
        #expect(cache.answer(for: key("artifact=a", 2)) == nil)
        cache.store(Array("a2".utf8), for: key("artifact=a", 2))
        #expect(cache.count == 1)
        #expect(cache.answer(for: key("artifact=b", 1)) == nil)
        cache.store([UInt8](repeating: 0x20, count: IncidentAnswerCache.maxEntryBytes + 1), for: key("component=big", 2))
        #expect(cache.answer(for: key("component=big", 2)) == nil)
        #expect(cache.count == 1)
    }
}
