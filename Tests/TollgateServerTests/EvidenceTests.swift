import Foundation
import Testing
import TollgateLedger
import TollgateModel
import TollgateStore
@testable import TollgateServer

@Suite("Evidence upload", .serialized)
struct EvidenceTests {
    @Test("an attestation that verifies is stored by digest, recorded and attached, with what it says")
    func verifiedAttestationIsStored() async throws {
        let server = try await TestServer.start()
        let digest = TestServer.digest("evidence-ok")
        try await server.register(digest)
        let predicate = #"{"buildDefinition":{"buildType":"https://actions.github.io/buildtypes/workflow/v1","externalParameters":{"workflow":{"ref":"refs/tags/v1.2.0","repository":"https://github.com/acme/app","path":".github/workflows/release.yml"}}},"runDetails":{"builder":{"id":"https://github.com/actions/runner/github-hosted"}}}"#
        let document = try TestServer.attestation(about: digest, predicateType: "https://slsa.dev/provenance/v1", predicate: predicate,
                                                  key: server.signingKey)
        let reply = try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=attestation", role: .publisher,
                                             body: document, contentType: "application/json")
        #expect(reply.status == 201, "\(reply.text)")
        let documentDigest = DigestAlgorithm.sha256.hash(document).description
        #expect(reply.json["document"]?.stringValue == documentDigest)
        let statement = reply.json["verification"]?["statements"]?[0]
        #expect(statement?["provenance"]?["builderID"]?.stringValue == "https://github.com/actions/runner/github-hosted")
        #expect(statement?["signatures"]?[0]?["signer"] != nil)
        // Stored byte for byte and listed under its subject.
        let stored = try await server.request(.GET, "/v1/artifacts/\(digest)/evidence/\(documentDigest)", role: .reader)
        #expect(stored.body == document)
        let listed = try await server.request(.GET, "/v1/artifacts/\(digest)/evidence", role: .reader)
        #expect(listed.json["evidence"]?.arrayValue?.count == 1)
        // The same document again is acknowledged without a second entry.
        let again = try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=attestation", role: .publisher,
                                             body: document, contentType: "application/json")
        #expect(again.status == 200)
        #expect(again.json["ledgerIndex"] == reply.json["ledgerIndex"])
        try await server.stop()
    }

    @Test("evidence that fails verification is refused with its reason and not stored", arguments: [
        "tampered", "unknown key", "wrong subject", "not a document", "unsigned scan", "unreadable sbom", "raw signature by a stranger",
    ])
    func refusedEvidenceIsNotStored(_ flaw: String) async throws {
        let server = try await TestServer.start()
        let digest = TestServer.digest("evidence-\(flaw)")
        try await server.register(digest)
        let stranger = try PrivateKey.generate(.ecdsaP256)
        var kind = "attestation"
        var contentType = "application/json"
        let body: [UInt8]
        var reason: String
        switch flaw {
        case "tampered":
            let good = String(decoding: try TestServer.attestation(about: digest, key: server.signingKey), as: UTF8.self)
            // Replace the payload with another statement: the signature no longer covers it.
            let other = Data(String(decoding: try TestServer.attestation(about: digest, predicate: #"{"x":1}"#, key: stranger), as: UTF8.self).utf8)
            let otherPayload = (try JSONValue.parse(other))["payload"]?.stringValue ?? ""
            let goodPayload = (try JSONValue.parse(Array(good.utf8)))["payload"]?.stringValue ?? ""
            body = Array(good.replacingOccurrences(of: goodPayload, with: otherPayload).utf8)
            reason = "not verified"
        case "unknown key":
            body = try TestServer.attestation(about: digest, key: stranger)
            reason = "not verified"
        case "wrong subject":
            body = try TestServer.attestation(about: TestServer.digest("someone else"), key: server.signingKey)
            reason = "subject"
        case "not a document":
            body = Array(#"{"hello":"world"}"#.utf8)
            reason = "not a DSSE envelope"
        case "unsigned scan":
            kind = "scan"
            body = Array(#"{"results":[]}"#.utf8)
            reason = "signed attestation"
        case "unreadable sbom":
            kind = "sbom"
            body = Array(#"{"bomFormat":"nonsense"}"#.utf8)
            reason = "not a readable SBOM"
        default:
            kind = "signature"
            contentType = "text/plain"
            body = Array(Data(try stranger.sign(Array("x".utf8))).base64EncodedString().utf8)
            reason = "signature not verified"
        }
        let stores = try server.location.openStores(try server.location.loadConfig())
        let sizeBefore = try await stores.ledger.head().size
        let reply = try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=\(kind)", role: .publisher,
                                             body: body, contentType: contentType)
        #expect(reply.status == 422, "\(flaw): \(reply.status) \(reply.text)")
        #expect(reply.code == "server.unprocessable")
        #expect(reply.json["message"]?.stringValue?.contains(reason) == true, "\(flaw): \(reply.text)")
        // Not attached, not in the blob store, no ledger entry but the `verification.failed` alert's
        // (docs/dashboard.md#alerts, appended in the background).
        let listed = try await server.request(.GET, "/v1/artifacts/\(digest)/evidence", role: .reader)
        #expect(listed.json["evidence"]?.arrayValue?.isEmpty == true)
        #expect(try await stores.ledger.blob(digest: DigestAlgorithm.sha256.hash(body).description) == nil)
        let size = try await stores.ledger.head().size
        let ledger = try await Ledger.open(store: stores.ledger, signer: try server.location.signer(for: try server.location.loadConfig()))
        for index in sizeBefore..<size {
            let entry = try await ledger.entry(at: index)
            #expect(entry.kind == .note && String(decoding: entry.payload ?? Data(), as: UTF8.self).contains("verification.failed"),
                    "\(flaw): the log grew by a \(entry.kind.rawValue) entry")
        }
        try await server.stop()
    }

    @Test("a raw signature over the artifact by a configured key verifies against the digest")
    func rawSignatureVerifies() async throws {
        let server = try await TestServer.start()
        let content = Array("the artifact's bytes".utf8)
        let digest = DigestAlgorithm.sha256.hash(content)
        try await server.register(digest)
        let signature = Data(try server.signingKey.sign(content)).base64EncodedString()
        let reply = try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=signature", role: .publisher,
                                             body: Array(signature.utf8), contentType: "text/plain")
        #expect(reply.status == 201, "\(reply.text)")
        #expect(reply.json["verification"]?["signatures"]?.arrayValue?.count == 1)
        try await server.stop()
    }
}
