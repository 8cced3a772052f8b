import Foundation
import Testing
import TollgateModel
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
}
