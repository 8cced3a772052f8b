import Foundation
import Testing
import TollgateModel
@testable import TollgateServer

@Suite("Disclosure", .serialized)
struct DisclosureTests {
    @Test("an anonymous reader sees nothing private: no undisclosed artifact, evidence, decision, entry or entry bundle")
    func anonymousReaderSeesNothingPrivate() async throws {
        let server = try await TestServer.start()
        let secret = TestServer.digest("private-artifact")
        try await server.register(secret, name: "internal-tool")
        let attestation = try TestServer.attestation(about: secret, key: server.signingKey)
        #expect(try await server.request(.POST, "/v1/artifacts/\(secret)/evidence?kind=attestation", role: .publisher,
                                         body: attestation, contentType: "application/json").status == 201)
        #expect(try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array(TestServer.policyYAML.utf8),
                                         contentType: "application/yaml").status == 201)
        #expect(try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(secret)","policy":"release"}"#).status == 201)

        // Every anonymous read of the private artifact is the same 401 as for one that does not exist.
        let missing = TestServer.digest("no-such-artifact")
        for digest in [secret, missing] {
            for path in ["/v1/artifacts/\(digest)", "/v1/artifacts/\(digest)/evidence", "/v1/artifacts/\(digest)/decisions",
                         "/v1/artifacts/\(digest)/decisions/release", "/v1/artifacts/\(digest)/evidence/\(DigestAlgorithm.sha256.hash(attestation))"] {
                let reply = try await server.request(.GET, path)
                #expect(reply.status == 401, "\(path): \(reply.status)")
                #expect(!reply.text.contains("internal-tool"))
            }
        }
        let list = try await server.request(.GET, "/v1/artifacts")
        #expect(list.status == 200)
        #expect(list.json["artifacts"]?.arrayValue?.isEmpty == true, "\(list.text)")
        for path in ["/v1/policies", "/v1/exceptions", "/v1/tokens", "/v1/ledger/proofs/inclusion?index=0", "/v1/whoami"] {
            #expect(try await server.request(.GET, path).status == 401, "\(path)")
        }
        // Entries: none of them is about a disclosed artifact.
        let stores = try server.location.openStores(try server.location.loadConfig())
        let size = try await stores.ledger.head().size
        for index in 0..<size {
            #expect(try await server.request(.GET, "/v1/ledger/entries/\(index)").status == 401, "entry \(index)")
        }
        #expect(try await server.request(.GET, "/v1/ledger/tile/entries/000.p/\(size)").status == 401)
        // Hashes are public: the checkpoint and the hash tiles.
        #expect(try await server.request(.GET, "/v1/ledger/tile/0/000.p/\(size)").status == 200)
        #expect(try await server.request(.GET, "/v1/ledger/checkpoint").status == 200)
        // An auditor reads it all.
        #expect(try await server.request(.GET, "/v1/ledger/tile/entries/000.p/\(size)", role: .auditor).status == 200)

        // Disclosed: anonymous readers see its metadata, evidence summaries and decision, and its entries.
        let published = TestServer.digest("public-artifact")
        let registered = try await server.register(published, name: "public-tool")
        #expect(try await server.request(.POST, "/v1/artifacts/\(published)/evidence?kind=attestation", role: .publisher,
                                         body: try TestServer.attestation(about: published, key: server.signingKey),
                                         contentType: "application/json").status == 201)
        #expect(try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(published)","policy":"release"}"#).status == 201)
        #expect(try await server.json(.PUT, "/v1/artifacts/\(published)/disclosure", role: .admin, #"{"public":true}"#).status == 200)
        let detail = try await server.request(.GET, "/v1/artifacts/\(published)")
        #expect(detail.status == 200)
        #expect(detail.json["artifact"]?["name"]?.stringValue == "public-tool")
        #expect(detail.json["artifact"]?["registeredBy"] == nil)
        #expect(detail.json["evidence"]?.arrayValue?.count == 1)
        #expect(detail.json["decisions"]?.arrayValue?.count == 1)
        #expect(try await server.request(.GET, "/v1/artifacts/\(published)/decisions/release").status == 200)
        let anonymousList = try await server.request(.GET, "/v1/artifacts")
        #expect(anonymousList.json["artifacts"]?.arrayValue?.compactMap { $0["digest"]?.stringValue } == [published.description])
        #expect(try await server.request(.GET, "/v1/ledger/entries/\(registered.json["ledgerIndex"]?.intValue ?? -1)").status == 200)
        // The raw documents still need a role, and the private artifact stays private.
        #expect(try await server.request(.GET, "/v1/artifacts/\(secret)").status == 401)
        try await server.stop()
    }
}
