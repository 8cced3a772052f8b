import Foundation
import Testing
import TollgateInventory
import TollgateLedger
import TollgateModel
@testable import TollgateServer

/// The remediation queue: an item per finding of a running artifact, due by the policy's SLO,
/// overdue flagged, excepted when an exception covers it, closed when a later scan no longer finds it.
@Suite("Remediation queue", .serialized, .timeLimit(.minutes(10)))
struct RemediationTests {
    static let policy = """
        apiVersion: tollgate.dev/v1
        kind: Policy
        metadata: { name: release }
        artifact:
          signature: { required: false, keys: ["0000000000000000000000000000000000000000000000000000000000000000"] }
          vulnerabilities: { maxSeverity: critical, remediationDays: { critical: 7, high: 30 } }
        exceptions:
          - id: EXC-LODASH
            owner: carol@acme.example
            reason: "not reachable from our code"
            expires: 2099-12-31
            match: { advisory: GHSA-rem0-bbbb-0002, component: "pkg:npm/lodash" }
        """

    static func observe(_ server: TestServer, _ digest: Digest, _ findings: [ObservedFinding]) async throws {
        let config = try server.location.loadConfig()
        let stores = try server.location.openStores(config)
        let ledger = try await Ledger.open(store: stores.ledger, signer: try server.location.signer(for: config))
        let recorder = InventoryRecorder(ledger: ledger, store: stores.inventory, actor: "test:scanner")
        _ = try await recorder.record([try recorder.draft(.findingsObserved, FindingsObservedEntry(artifact: digest, findings: findings))])
    }

    /// The table rows of the remediation page, as (status, advisory) in page order.
    static func rows(_ text: String) -> [(status: String, advisory: String)] {
        text.components(separatedBy: "<tr><td><span class=\"status ").dropFirst().map { row in
            let status = String(row.prefix { $0 != "\"" })
            let cells = row.components(separatedBy: "</td><td>")
            return (status, cells.count > 3 ? cells[3] : "")
        }
    }

    @Test("findings of a running artifact become items: overdue past the SLO, open inside it, excepted when covered; a later scan closes them")
    func queue() async throws {
        let server = try await TestServer.start { $0.exceptionAlertInterval = .milliseconds(100) }
        #expect(try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array(Self.policy.utf8),
                                         contentType: "application/yaml").status == 201)
        let running = TestServer.digest("remediation-running"), idle = TestServer.digest("remediation-idle")
        for digest in [running, idle] {
            try await server.register(digest, name: digest == running ? "shop" : "idle")
            #expect(try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#).status == 201)
        }
        let day: TimeInterval = 86_400
        try await Self.observe(server, running, [
            ObservedFinding(advisory: "GHSA-rem0-aaaa-0001", purl: "pkg:npm/left-pad@1.0.0", firstSeen: Date().addingTimeInterval(-10 * day)),
            ObservedFinding(advisory: "GHSA-rem0-bbbb-0002", purl: "pkg:npm/lodash@4.17.20", firstSeen: Date().addingTimeInterval(-40 * day)),
            ObservedFinding(advisory: "GHSA-rem0-cccc-0003", purl: "pkg:npm/minimist@1.2.0", firstSeen: Date().addingTimeInterval(-1 * day)),
        ])
        try await Self.observe(server, idle, [ObservedFinding(advisory: "GHSA-rem0-dddd-0004", purl: "pkg:npm/qs@6.0.0")])
        #expect(try await server.json(.POST, "/v1/deployments", role: .deployer,
                                      #"{"environment":"production","service":"shop","image":"registry.example/acme/shop@\#(running)"}"#).status == 201)

        let page = try await DashboardFixture.send(server.base, .GET, "/dashboard/remediation", bearer: server.tokens[.reader])
        #expect(page.status == 200, "\(page.text)")
        let rows = Self.rows(page.text)
        // Without an advisory database every severity is unknown, ranked critical as the gate ranks it: 7 days.
        #expect(rows.map(\.status) == ["overdue", "open", "excepted"], "\(rows)")
        #expect(rows.map(\.advisory) == ["GHSA-rem0-aaaa-0001", "GHSA-rem0-cccc-0003", "GHSA-rem0-bbbb-0002"])
        #expect(page.text.contains("carol@acme.example") && page.text.contains("release/EXC-LODASH"))
        #expect(!page.text.contains("GHSA-rem0-dddd-0004"), "an artifact that runs nowhere has no remediation items")
        #expect(page.text.contains("<b>1</b> overdue"))
        let overview = try await DashboardFixture.send(server.base, .GET, "/dashboard", bearer: server.tokens[.reader])
        #expect(overview.text.contains("<b>1</b> remediation items overdue"))
        #expect(try await DashboardFixture.send(server.base, .GET, "/dashboard/remediation").status == 401)
        // The API serves the same queue; the overdue item raised an alert.
        let api = try await server.request(.GET, "/v1/remediation?status=overdue", role: .reader)
        #expect(api.json["schemaVersion"]?.stringValue == "tollgate.dev/remediation/v1")
        #expect(api.json["items"]?.arrayValue?.count == 1)
        #expect(api.json["items"]?[0]?["advisory"]?.stringValue == "GHSA-rem0-aaaa-0001")
        #expect(api.json["items"]?[0]?["artifact"]?.stringValue == running.description)
        #expect(api.json["items"]?[0]?["due"]?.stringValue != nil)
        #expect(try await server.request(.GET, "/v1/remediation?status=late", role: .reader).status == 400)
        let alert = try await AlertTriggerTests.waitFor("remediation.overdue", on: server)
        #expect(alert?.subject == "\(running) GHSA-rem0-aaaa-0001 pkg:npm/left-pad@1.0.0")

        // A later scan that no longer finds the overdue one closes it.
        try await Self.observe(server, running, [
            ObservedFinding(advisory: "GHSA-rem0-bbbb-0002", purl: "pkg:npm/lodash@4.17.20"),
            ObservedFinding(advisory: "GHSA-rem0-cccc-0003", purl: "pkg:npm/minimist@1.2.0"),
        ])
        let after = Self.rows(try await DashboardFixture.send(server.base, .GET, "/dashboard/remediation", bearer: server.tokens[.reader]).text)
        #expect(after.map(\.status) == ["open", "excepted"], "\(after)")
        try await server.stop()
    }
}
