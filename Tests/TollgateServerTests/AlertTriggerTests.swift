import Foundation
import Testing
import TollgateData
import TollgateModel
import TollgateStore
@testable import TollgateServer

/// Every alert trigger issue #18 names, each through the server's API on loopback: the alert must
/// reach the outbox (and through it the ledger) with its kind and subject.
@Suite("Alert triggers", .serialized, .timeLimit(.minutes(10)))
struct AlertTriggerTests {
    /// The alerts raised so far (their ledger deliveries), as (kind, subject, summary).
    static func raised(_ server: TestServer) async throws -> [(kind: String, subject: String, summary: String)] {
        let stores = try server.location.openStores(try server.location.loadConfig())
        var out: [(String, String, String)] = []
        // One read per status while the worker moves deliveries between them: count each delivery once.
        var seen: Set<Int64> = []
        for status in AlertDeliveryStatus.allCases {
            for delivery in try await stores.alerts.deliveries(status: status, limit: 1000)
            where delivery.sink == AlertSink.ledgerKey && seen.insert(delivery.id).inserted {
                let summary = try JSONValue.parse(Array(delivery.alert))["summary"]?.stringValue ?? ""
                out.append((delivery.kind, delivery.subject, summary))
            }
        }
        return out
    }

    /// Waits (at most 120 s: the full suite can starve the cooperative pool for a while) for an alert of `kind`; returns it.
    static func waitFor(_ kind: String, on server: TestServer) async throws -> (kind: String, subject: String, summary: String)? {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let found = try await raised(server).first(where: { $0.kind == kind }) { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    static func publish(_ server: TestServer, _ yaml: String) async throws {
        let reply = try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array(yaml.utf8), contentType: "application/yaml")
        #expect(reply.status == 201, "\(reply.text)")
    }

    @Test("an attestation that does not verify on upload raises verification.failed")
    func uploadVerificationFailure() async throws {
        let server = try await TestServer.start()
        let digest = TestServer.digest("upload-fails")
        try await server.register(digest)
        let stranger = try PrivateKey.generate(.ecdsaP256)
        let document = try TestServer.attestation(about: digest, key: stranger)
        let reply = try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=attestation", role: .publisher,
                                             body: document, contentType: "application/json")
        #expect(reply.status == 422)
        let alert = try await Self.waitFor("verification.failed", on: server)
        #expect(alert?.subject == digest.description)
        try await server.stop()
    }

    @Test("a decision whose vulnerability rule cannot run (no trusted scan) raises scan.failed; the denial raises decision.denied")
    func missingScan() async throws {
        let server = try await TestServer.start()
        try await Self.publish(server, TestServer.policyYAML.replacingOccurrences(
            of: "exceptions:", with: "  vulnerabilities: { maxSeverity: high }\nexceptions:"))
        let digest = TestServer.digest("never-scanned")
        try await server.register(digest)
        let decision = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#)
        #expect(decision.json["decision"]?.stringValue == "deny", "\(decision.text)")
        let scan = try await Self.waitFor("scan.failed", on: server)
        #expect(scan?.subject == digest.description)
        #expect(try await Self.waitFor("decision.denied", on: server)?.subject == digest.description)
        #expect(try await Self.raised(server).contains { $0.kind == "provenance.discrepancy" } == false)
        try await server.stop()
    }

    @Test("trusted provenance from an unexpected builder raises provenance.discrepancy")
    func provenanceDiscrepancy() async throws {
        let server = try await TestServer.start()
        let keyID = server.signingKey.publicKey.keyID
        try await Self.publish(server, """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: release }
            artifact:
              signature: { required: false, keys: ["\(keyID)"] }
              provenance: { required: true, builders: ["https://github.com/actions/runner/github-hosted"] }
            """)
        let digest = TestServer.digest("forked-build")
        try await server.register(digest)
        let predicate = #"{"buildDefinition":{"buildType":"https://actions.github.io/buildtypes/workflow/v1","externalParameters":{"workflow":{"ref":"refs/tags/v1.2.0","repository":"https://github.com/mallory/app","path":".github/workflows/release.yml"}}},"runDetails":{"builder":{"id":"https://ci.mallory.example/runner"}}}"#
        let document = try TestServer.attestation(about: digest, predicateType: "https://slsa.dev/provenance/v1", predicate: predicate,
                                                  key: server.signingKey)
        #expect(try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=attestation", role: .publisher,
                                         body: document, contentType: "application/json").status == 201)
        let decision = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#)
        #expect(decision.json["decision"]?.stringValue == "deny", "\(decision.text)")
        let alert = try await Self.waitFor("provenance.discrepancy", on: server)
        #expect(alert?.subject == digest.description, "\(decision.text)")
        try await server.stop()
    }

    @Test("a deployment whose tag was last seen at another digest raises tag.moved")
    func movedTag() async throws {
        let server = try await TestServer.start()
        let first = TestServer.digest("app-1"), second = TestServer.digest("app-1-rebuilt")
        for digest in [first, second] {
            let reply = try await server.json(.POST, "/v1/deployments", role: .deployer,
                                              #"{"environment":"production","service":"app","image":"registry.example/acme/app:1.0@\#(digest)"}"#)
            #expect(reply.status == 201, "\(reply.text)")
        }
        let alert = try await Self.waitFor("tag.moved", on: server)
        #expect(alert?.subject == "registry.example/acme/app:1.0")
        #expect(alert?.summary.contains(first.description) == true && alert?.summary.contains(second.description) == true)
        #expect(try await Self.raised(server).filter { $0.kind == "tag.moved" }.count == 1)
        try await server.stop()
    }

    @Test("an exception expiring within 14 days raises exception.expiring, an expired one exception.expired, once each")
    func exceptions() async throws {
        let server = try await TestServer.start { $0.exceptionAlertInterval = .milliseconds(100) }
        let day: TimeInterval = 86_400
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let soon = formatter.string(from: Date().addingTimeInterval(5 * day)), past = formatter.string(from: Date().addingTimeInterval(-3 * day))
        try await Self.publish(server, TestServer.policyYAML.replacingOccurrences(of: "expires: 2099-12-31", with: "expires: \(soon)") + """

              - id: EXC-OLD
                owner: bob@acme.example
                reason: "waiting for the vendor"
                expires: \(past)
                match: { advisory: GHSA-yyyy-yyyy-yyyy, component: "pkg:pypi/flask" }
            """)
        let expiring = try await Self.waitFor("exception.expiring", on: server)
        #expect(expiring?.subject == "release/EXC-1")
        #expect(try await Self.waitFor("exception.expired", on: server)?.subject == "release/EXC-OLD")
        try await Task.sleep(for: .milliseconds(400))
        #expect(try await Self.raised(server).filter { $0.kind.hasPrefix("exception.") }.count == 2, "checked several times, raised once")
        try await server.stop()
    }

    @Test("an admission denial in an enforce namespace raises admission.denied; a warn namespace does not")
    func admissionDenied() async throws {
        let server = try await AdmissionRouteTests.start()
        let body = try AdmissionRouteTests.sample("connaisseur/02_pod.json")
        // The same pod in the warn-mode namespace is admitted with a warning: no alert.
        let staging = try AdmissionFixtures.edited(body) { $0["namespace"] = "staging" }
        let warned = try await server.request(.POST, "/v1/admission", role: .deployer, body: staging, contentType: "application/json")
        #expect(warned.json["response"]?["allowed"]?.boolValue == true, "\(warned.text)")
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await Self.raised(server).contains { $0.kind == "admission.denied" } == false)
        let reply = try await server.request(.POST, "/v1/admission", role: .deployer, body: body, contentType: "application/json")
        #expect(reply.json["response"]?["allowed"]?.boolValue == false, "\(reply.text)")
        let alert = try await Self.waitFor("admission.denied", on: server)
        #expect(alert?.summary.contains("policy production") == true, "\(alert?.summary ?? "")")
        try await server.stop()
    }
}
