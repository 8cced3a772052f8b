import Foundation
import Testing
import TollgateLedger
import TollgateModel
@testable import TollgateServer

@Suite("Decisions and policies", .serialized)
struct DecisionTests {
    @Test("POST /v1/decisions evaluates the published policy, names its digest, records it with the principal as actor and returns the receipt")
    func decisionIsRecorded() async throws {
        let server = try await TestServer.start()
        let publish = try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array(TestServer.policyYAML.utf8),
                                               contentType: "application/yaml")
        #expect(publish.status == 201, "\(publish.text)")
        #expect(publish.json["version"]?.intValue == 1)
        let policyDigest = DigestAlgorithm.sha256.hash(Array(TestServer.policyYAML.utf8)).description
        #expect(publish.json["digest"]?.stringValue == policyDigest)
        // Publishing the same document again is the same version; a changed one is version 2.
        #expect(try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array(TestServer.policyYAML.utf8),
                                         contentType: "application/yaml").json["version"]?.intValue == 1)
        let digest = TestServer.digest("decide-me")
        try await server.register(digest)
        let reply = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#)
        #expect(reply.status == 201, "\(reply.text)")
        #expect(reply.json["schemaVersion"]?.stringValue == "tollgate.dev/decision/v2")
        #expect(reply.json["policyDigest"]?.stringValue == policyDigest)
        #expect(reply.json["artifact"]?["digest"]?.stringValue == digest.description)
        #expect(reply.json["decision"]?.stringValue != nil)
        let receipt = reply.json["ledger"]
        #expect(receipt?["schemaVersion"]?.stringValue == LedgerInclusionReceipt.schemaVersion)
        let index = receipt?["index"]?.intValue ?? -1
        let entry = try await server.request(.GET, "/v1/ledger/entries/\(index)", role: .auditor)
        #expect(entry.json["kind"]?.stringValue == "decision.made")
        #expect(entry.json["actor"]?.stringValue == "token:\(server.names[.publisher]!)")
        // The latest decision is listed and retrievable whole.
        let listed = try await server.request(.GET, "/v1/artifacts/\(digest)/decisions", role: .reader)
        #expect(listed.json["decisions"]?[0]?["policyDigest"]?.stringValue == policyDigest)
        let whole = try await server.request(.GET, "/v1/artifacts/\(digest)/decisions/release", role: .reader)
        #expect(whole.json["policyDigest"]?.stringValue == policyDigest)
        // Exceptions of the published policy.
        let exceptions = try await server.request(.GET, "/v1/exceptions", role: .reader)
        #expect(exceptions.json["exceptions"]?[0]?["id"]?.stringValue == "EXC-1")
        try await server.stop()
    }

    @Test("a policy that does not parse, or names another policy, is refused with 422; a missing policy or artifact is 404")
    func badPolicies() async throws {
        let server = try await TestServer.start()
        let broken = try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array("apiVersion: nope\n".utf8),
                                              contentType: "application/yaml")
        #expect(broken.status == 422, "\(broken.text)")
        let other = try await server.request(.PUT, "/v1/policies/other", role: .admin, body: Array(TestServer.policyYAML.utf8),
                                             contentType: "application/yaml")
        #expect(other.status == 422)
        let digest = TestServer.digest("x")
        #expect(try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#).status == 404)
        try await server.register(digest)
        #expect(try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#).status == 404)
        try await server.stop()
    }
}
