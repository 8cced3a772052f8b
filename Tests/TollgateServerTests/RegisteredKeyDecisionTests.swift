import Foundation
import Testing
import TollgateData
import TollgateLedger
import TollgateModel
import TollgateStore
@testable import TollgateServer

/// The server's decisions judge registered keys at signing time, as `tollgate verify` does: a key
/// revoked in the registry (by `tollgate key revoke` on the same data) stops vouching at the next
/// decision for signatures with no trusted time.
@Suite("Decisions with registered keys", .serialized)
struct RegisteredKeyDecisionTests {
    @Test("a raw signature by a registered key allows while the key is valid and denies once it is revoked")
    func revocationDenies() async throws {
        let server = try await TestServer.start()
        let keyID = server.signingKey.publicKey.keyID
        let policy = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: signed }
            artifact:
              signature: { required: true, keys: ["\(keyID)"] }
            """
        #expect(try await server.request(.PUT, "/v1/policies/signed", role: .admin, body: Array(policy.utf8),
                                         contentType: "application/yaml").status == 201)
        let digest = try await server.registerSigned(Array("release 2.0".utf8))
        // Registered, as `tollgate key register` does on the server's data.
        let lifecycle = try await server.registerSigningKey()
        let allowed = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"signed"}"#)
        #expect(allowed.status == 201, "\(allowed.text)")
        #expect(allowed.json["decision"]?.stringValue == "allow", "\(allowed.text)")

        _ = try await lifecycle.revoke(keyID: keyID, reason: "key leaked", actor: "test", at: Date())
        let denied = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"signed"}"#)
        #expect(denied.status == 201, "\(denied.text)")
        #expect(denied.json["decision"]?.stringValue == "deny")
        #expect(denied.text.contains("evidence.key-not-valid"))
        #expect(denied.text.contains("was revoked"))
        try await server.stop()
    }
}
