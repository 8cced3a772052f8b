import Foundation
import Testing
import TollgateAdmission
import TollgateData
import TollgateLedger
import TollgateModel
import TollgateStore
@testable import TollgateServer

/// `POST /v1/admission` on a real server on loopback, with the shared AdmissionReview samples
/// (Tests/TollgateAdmissionTests/Fixtures, from ../shared/testdata/admission).
@Suite("Admission webhook route", .serialized)
struct AdmissionRouteTests {
    static func sample(_ name: String) throws -> [UInt8] {
        Array(try RepositoryFiles.text("Tests/TollgateAdmissionTests/Fixtures/\(name)").utf8)
    }

    /// Namespace `open` runs policy `open` (by digest only); every other namespace `production`
    /// (a signature by the server's trusted key is required).
    static func start(maxBody: Int? = nil) async throws -> TestServer {
        let config = AdmissionConfig(cluster: "kind-test", environment: "production", policy: "production",
                                     namespaces: ["open": .init(policy: "open"), "staging": .init(mode: .warn)],
                                     exclude: ["kube-system"],
                                     // These tests read the policy's verdict; the deadline path has its own test.
                                     // A whole test run on 2 cores can starve the server's threads for seconds.
                                     deadline: .seconds(25))
        let server = try await TestServer.start { configuration in
            configuration.admission = config
            if let maxBody { configuration.limits.maxBodyBytes = maxBody }
        }
        let production = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: production }
            artifact:
              signature: { required: true, keys: ["\(server.signingKey.publicKey.keyID)"] }
            """
        let open = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: open }
            deploy:
              byDigest: true
            """
        for (name, yaml) in [("production", production), ("open", open)] {
            let reply = try await server.request(.PUT, "/v1/policies/\(name)", role: .admin, body: Array(yaml.utf8), contentType: "application/yaml")
            #expect(reply.status == 201, "\(reply.text)")
        }
        return server
    }

    func admit(_ server: TestServer, _ body: [UInt8], role: Role? = .deployer) async throws -> TestServer.Reply {
        try await server.request(.POST, "/v1/admission", role: role, body: body, contentType: "application/json")
    }

    func ledgerEntries(_ server: TestServer) async throws -> [LedgerEntry] {
        let config = try server.location.loadConfig()
        let stores = try server.location.openStores(config)
        let ledger = try await Ledger.open(store: stores.ledger, signer: try server.location.signer(for: config))
        let size = try await ledger.size()
        var entries: [LedgerEntry] = []
        for index in 0..<size { entries.append(try await ledger.entry(at: index)) }
        return entries
    }

    /// The `decision.made` entries in the server's ledger: one per verification recorded.
    func decisionCount(_ server: TestServer) async throws -> Int {
        try await ledgerEntries(server).filter { $0.kind == .decisionMade }.count
    }

    func inventory(_ server: TestServer) throws -> any InventoryStore {
        try server.location.openStores(try server.location.loadConfig()).inventory
    }

    @Test("an unsigned digest is denied in the version sent (v1 and v1beta1), uid echoed; the verification and the denial are recorded")
    func deniesUnsigned() async throws {
        let server = try await Self.start()
        for (file, version) in [("connaisseur/02_pod.json", "admission.k8s.io/v1"), ("connaisseur/23_alice_digest_dpl.json", "admission.k8s.io/v1beta1")] {
            let body = try Self.sample(file)
            let reply = try await admit(server, body)
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json["apiVersion"]?.stringValue == version)
            #expect(reply.json["response"]?["uid"] == (try JSONValue.parse(body))["request"]?["uid"])
            #expect(reply.json["response"]?["allowed"]?.boolValue == false)
            #expect(reply.json["response"]?["status"]?["message"]?.stringValue?.contains("rule artifact.signature") == true, "\(reply.text)")
        }
        let entries = try await ledgerEntries(server)
        #expect(entries.filter { $0.kind == .decisionMade }.count == 2, "each first-seen digest verified and recorded once")
        let notes = entries.filter { $0.kind == .note }.compactMap { $0.payload.flatMap { try? JSONValue.parse($0) } }
        #expect(notes.filter { $0["schemaVersion"]?.stringValue == AdmissionDenial.currentSchemaVersion }.count == 2)
        #expect(notes.first?["enforced"]?.boolValue == true)
        #expect(entries.allSatisfy { $0.kind != .deploymentRecorded })
        // The same request again is answered from the cache: no new verification.
        _ = try await admit(server, try Self.sample("connaisseur/02_pod.json"))
        #expect(try await ledgerEntries(server).filter { $0.kind == .decisionMade }.count == 2)
        try await server.stop()
    }

    @Test("an admitted workload is recorded as a deployment (cluster, namespace, service, digest); dryRun writes nothing")
    func recordsDeployments() async throws {
        let server = try await Self.start()
        let digest = try Digest(parsing: "sha256:91ac9b26df583762234c1cdb2fc930364754ccc59bc752a2bfe298d2ea68f9ff")
        let dry = try AdmissionFixtures.edited(try Self.sample("connaisseur/02_pod.json")) { request in
            request["namespace"] = "open"
            request["dryRun"] = true
        }
        let before = try await ledgerEntries(server).count
        let dryReply = try await admit(server, dry)
        #expect(dryReply.json["response"]?["allowed"]?.boolValue == true, "\(dryReply.text)")
        #expect(try await ledgerEntries(server).count == before, "dryRun wrote to the ledger")
        let real = try AdmissionFixtures.edited(try Self.sample("connaisseur/02_pod.json")) { $0["namespace"] = "open" }
        let reply = try await admit(server, real)
        #expect(reply.json["response"]?["allowed"]?.boolValue == true, "\(reply.text)")
        let deployments = try await inventory(server).deployments(of: [digest])
        #expect(deployments.count == 1)
        #expect(deployments.first?.cluster == "kind-test")
        #expect(deployments.first?.namespace == "open")
        #expect(deployments.first?.service == "test-connaisseur")
        #expect(deployments.first?.environment == "production")
        // A tag-only image is denied under deploy.byDigest, with what to do.
        let tagged = try AdmissionFixtures.edited(try Self.sample("connaisseur/01_deployment.json")) { $0["namespace"] = "open" }
        let denied = try await admit(server, tagged)
        #expect(denied.json["response"]?["allowed"]?.boolValue == false)
        #expect(denied.json["response"]?["status"]?["message"]?.stringValue?.contains("requires a digest") == true)
        try await server.stop()
    }

    @Test("a key revoked in the key registry reaches a cached admission decision at the next request, not after cacheSeconds")
    func keyRevocationInvalidatesTheCache() async throws {
        let server = try await Self.start()
        // An image signed (a raw signature over its bytes) by the key policy production trusts.
        let digest = try await server.registerSigned(Array("admission image v1".utf8))
        let sample = try Self.sample("connaisseur/02_pod.json")
        let body = Array(String(decoding: sample, as: UTF8.self)
            .replacingOccurrences(of: "91ac9b26df583762234c1cdb2fc930364754ccc59bc752a2bfe298d2ea68f9ff", with: digest.hex).utf8)
        let lifecycle = try await server.registerSigningKey()
        let first = try await admit(server, body)
        #expect(first.json["response"]?["allowed"]?.boolValue == true, "\(first.text)")
        let verified = try await decisionCount(server)
        // From the cache: no new verification is recorded.
        let cached = try await admit(server, body)
        #expect(cached.json["response"]?["allowed"]?.boolValue == true, "\(cached.text)")
        #expect(try await decisionCount(server) == verified)
        // Revoked by `tollgate key revoke` on the same data: the next request verifies again and denies.
        _ = try await lifecycle.revoke(keyID: server.signingKey.publicKey.keyID, reason: "key leaked", actor: "test", at: Date())
        let denied = try await admit(server, body)
        #expect(denied.json["response"]?["allowed"]?.boolValue == false, "\(denied.text)")
        #expect(denied.json["response"]?["status"]?["message"]?.stringValue?.contains("rule artifact.signature") == true, "\(denied.text)")
        #expect(try await decisionCount(server) == verified + 1)
        try await server.stop()
    }

    @Test("warn mode admits with a warning; an excluded namespace is admitted unchecked; a Role is allowed")
    func modes() async throws {
        let server = try await Self.start()
        let staging = try AdmissionFixtures.edited(try Self.sample("connaisseur/02_pod.json")) { $0["namespace"] = "staging" }
        let warned = try await admit(server, staging)
        #expect(warned.json["response"]?["allowed"]?.boolValue == true)
        #expect(warned.json["response"]?["warnings"]?[0]?.stringValue?.contains("would deny") == true, "\(warned.text)")
        let excluded = try await admit(server, try Self.sample("connaisseur/06_daemonset.json"))
        #expect(excluded.json["response"]?["allowed"]?.boolValue == true)
        let role = try await admit(server, try Self.sample("connaisseur/11_role.json"))
        #expect(role.json["response"]?["allowed"]?.boolValue == true)
        try await server.stop()
    }

    @Test("null, a request without uid and an oversized body are refused with 400/413 and an error body, never allowed")
    func malformed() async throws {
        let server = try await Self.start(maxBody: 64 << 10)
        for file in ["connaisseur/25_null_request.json", "connaisseur/21_broken_admission_request.json"] {
            let reply = try await admit(server, try Self.sample(file))
            #expect(reply.status == 400, "\(file): \(reply.text)")
            #expect(reply.code == "server.bad-request")
        }
        let notJSON = try await admit(server, Array("{\"kind\":".utf8))
        #expect(notJSON.status == 400)
        let big = try AdmissionFixtures.edited(try Self.sample("connaisseur/02_pod.json")) { $0["pad"] = .string(String(repeating: "x", count: 100 << 10)) }
        let oversized = try await admit(server, big)
        #expect(oversized.status == 413)
        let malformedObject = try await admit(server, try Self.sample("connaisseur/12_err_pod.json"))
        #expect(malformedObject.status == 200)
        #expect(malformedObject.json["response"]?["allowed"]?.boolValue == false)
        #expect(malformedObject.json["response"]?["status"]?["code"]?.intValue == 400)
        try await server.stop()
    }

    @Test("POST /v1/admission/pin pins a tag to the digest a recorded tag observation gives, with a JSON Patch, and never denies")
    func pinsTags() async throws {
        let server = try await Self.start()
        let body = try Self.sample("connaisseur/01_deployment.json")
        let before = try await server.request(.POST, "/v1/admission/pin", role: .deployer, body: body, contentType: "application/json")
        #expect(before.status == 200)
        #expect(before.json["response"]?["allowed"]?.boolValue == true)
        #expect(before.json["response"]?["patch"] == nil, "no observation yet: nothing to pin")
        // A deployment recorded with tag and digest records the tag observation (docs/inventory.md).
        let digest = "sha256:1234567890123456123456789012345612345678901234561234567890123456"
        let recorded = try await server.json(.POST, "/v1/deployments", role: .deployer,
            #"{"environment":"production","image":"docker.io/securesystemsengineering/alice-image:test@\#(digest)"}"#)
        #expect(recorded.status == 201, "\(recorded.text)")
        let after = try await server.request(.POST, "/v1/admission/pin", role: .deployer, body: body, contentType: "application/json")
        #expect(after.json["response"]?["patchType"]?.stringValue == "JSONPatch")
        let patch = try JSONValue.parse(Array(Data(base64Encoded: after.json["response"]?["patch"]?.stringValue ?? "") ?? Data()))
        #expect(patch[1]?["value"]?.stringValue == "docker.io/securesystemsengineering/alice-image:test@\(digest)")
        try await server.stop()
    }

    @Test("only the deployer role (or admin) may call it; a server without --admission-config answers 404")
    func access() async throws {
        let server = try await Self.start()
        let body = try Self.sample("connaisseur/11_role.json")
        #expect(try await admit(server, body, role: nil).status == 401)
        #expect(try await admit(server, body, role: .reader).status == 403)
        #expect(try await admit(server, body, role: .publisher).status == 403)
        #expect(try await admit(server, body, role: .admin).status == 200)
        try await server.stop()
        let plain = try await TestServer.start()
        #expect(try await admit(plain, body).status == 404)
        try await plain.stop()
    }
}

/// Edits of a sample's request (the shared samples are the starting point of every variant).
enum AdmissionFixtures {
    static func edited(_ bytes: [UInt8], _ edit: (inout [String: JSONValue]) -> Void) throws -> [UInt8] {
        guard case .object(var review) = try JSONValue.parse(bytes), case .object(var request)? = review["request"] else {
            throw ServerError(.badRequest, "not an AdmissionReview")
        }
        edit(&request)
        review["request"] = .object(request)
        return JSONValue.object(review).encodedBytes()
    }
}
