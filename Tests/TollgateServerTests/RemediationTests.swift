import Foundation
import Testing
import TollgateSigstoreTesting
import TollgateInventory
import TollgateLedger
import TollgateModel
@testable import TollgateServer

/// The remediation queue: an item per finding of a running artifact, due by the policy's SLO,
/// overdue flagged, excepted when an exception covers it, fixed when a later scan no longer finds it;
/// owned by the covering exception's owner or the policy's default; exported to a tracker's webhook.
@Suite("Remediation queue", .serialized, .timeLimit(.minutes(10)))
struct RemediationTests {
    static let policy = """
        apiVersion: tollgate.dev/v1
        kind: Policy
        metadata: { name: release }
        artifact:
          signature: { required: false, keys: ["0000000000000000000000000000000000000000000000000000000000000000"] }
          vulnerabilities: { maxSeverity: critical, remediationDays: { critical: 7, high: 30 } }
        remediation: { defaultOwner: "@acme/platform" }
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

    /// The tracker payloads the webhook received, as alert JSON, of `kind`.
    static func received(_ receiver: AlertReceiver, _ kind: String) -> [JSONValue] {
        receiver.bodies.compactMap { try? JSONValue.parse(Array($0.utf8)) }.filter { $0["kind"]?.stringValue == kind }
    }

    /// Waits (at most 120 s) until the webhook received an alert of `kind` about `subject`.
    static func waitForPayload(_ receiver: AlertReceiver, _ kind: String, subject: String) async throws -> JSONValue? {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let found = received(receiver, kind).first(where: { $0["subject"]?.stringValue == subject }) { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    @Test("findings of a running artifact become items: overdue past the SLO, open inside it, excepted when covered; a later scan fixes them; a tracker hears opened, overdue and fixed",
          arguments: [false, true])
    func queue(postgres: Bool) async throws {
        let receiver = try await AlertReceiver.start()
        let server = try await TestServer.start(postgres: postgres) {
            $0.exceptionAlertInterval = .milliseconds(100)
            $0.alertSinks = [AlertSink(format: .webhook, url: receiver.url)]
            $0.alertBaseDelay = .milliseconds(20)
            $0.alertPollInterval = .milliseconds(50)
        }
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
        #expect(page.text.contains("carol@acme.example <small>(exception)</small>") && page.text.contains("release/EXC-LODASH"))
        #expect(page.text.contains("@acme/platform <small>(policy)</small>"), "items no exception covers go to the policy's default owner")
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
        #expect(api.json["items"]?[0]?["owner"]?.stringValue == "@acme/platform")
        #expect(api.json["items"]?[0]?["ownerSource"]?.stringValue == "policy")
        let excepted = try await server.request(.GET, "/v1/remediation?status=excepted", role: .reader)
        #expect(excepted.json["items"]?[0]?["owner"]?.stringValue == "carol@acme.example")
        #expect(excepted.json["items"]?[0]?["ownerSource"]?.stringValue == "exception")
        #expect(try await server.request(.GET, "/v1/remediation?status=late", role: .reader).status == 400)
        #expect(try await DashboardFixture.send(server.base, .GET, "/dashboard/remediation?status=late", bearer: server.tokens[.reader]).status == 400)
        let alert = try await AlertTriggerTests.waitFor("remediation.overdue", on: server)
        let overdueSubject = "\(running) GHSA-rem0-aaaa-0001 pkg:npm/left-pad@1.0.0"
        #expect(alert?.subject == overdueSubject)

        // The tracker's webhook: each item opened once, the overdue one overdue, with the documented details.
        for advisory in ["GHSA-rem0-aaaa-0001 pkg:npm/left-pad@1.0.0", "GHSA-rem0-bbbb-0002 pkg:npm/lodash@4.17.20",
                         "GHSA-rem0-cccc-0003 pkg:npm/minimist@1.2.0"] {
            #expect(try await Self.waitForPayload(receiver, "remediation.opened", subject: "\(running) \(advisory)") != nil, "\(advisory)")
        }
        let overduePayload = try #require(try await Self.waitForPayload(receiver, "remediation.overdue", subject: overdueSubject))
        #expect(overduePayload["schemaVersion"]?.stringValue == "tollgate.dev/alert/v1")
        let details = overduePayload["details"]
        #expect(details?["advisory"]?.stringValue == "GHSA-rem0-aaaa-0001")
        #expect(details?["component"]?.stringValue == "pkg:npm/left-pad@1.0.0")
        #expect(details?["artifact"]?.stringValue == running.description)
        #expect(details?["artifactName"]?.stringValue == "shop")
        #expect(details?["status"]?.stringValue == "overdue")
        #expect(details?["owner"]?.stringValue == "@acme/platform" && details?["ownerSource"]?.stringValue == "policy")
        #expect(details?["environments"]?.stringValue == "production" && details?["policies"]?.stringValue == "release")
        #expect(details?["due"]?.stringValue != nil && details?["firstSeen"]?.stringValue != nil && details?["fixedAt"] == nil)

        // A later scan that no longer finds the overdue one fixes it: listed as fixed with the scan's time.
        let beforeScan = Date().addingTimeInterval(-2)  // the API writes whole seconds
        try await Self.observe(server, running, [
            ObservedFinding(advisory: "GHSA-rem0-bbbb-0002", purl: "pkg:npm/lodash@4.17.20"),
            ObservedFinding(advisory: "GHSA-rem0-cccc-0003", purl: "pkg:npm/minimist@1.2.0"),
        ])
        let after = Self.rows(try await DashboardFixture.send(server.base, .GET, "/dashboard/remediation", bearer: server.tokens[.reader]).text)
        #expect(after.map(\.status) == ["open", "excepted", "fixed"], "\(after)")
        let fixedPage = try await DashboardFixture.send(server.base, .GET, "/dashboard/remediation?status=fixed", bearer: server.tokens[.reader])
        #expect(Self.rows(fixedPage.text).map(\.advisory) == ["GHSA-rem0-aaaa-0001"], "\(fixedPage.text)")
        #expect(fixedPage.text.contains("<b>1</b> fixed"))
        let fixed = try await server.request(.GET, "/v1/remediation?status=fixed", role: .reader)
        #expect(fixed.json["items"]?.arrayValue?.count == 1)
        #expect(fixed.json["items"]?[0]?["advisory"]?.stringValue == "GHSA-rem0-aaaa-0001")
        let fixedAt = try #require(fixed.json["items"]?[0]?["fixedAt"]?.stringValue)
        let fixedTime = try #require(ISO8601DateFormatter().date(from: fixedAt))
        #expect(fixedTime >= beforeScan && fixedTime <= Date().addingTimeInterval(1), "fixedAt is the time of the scan that no longer found it")
        #expect(try await server.request(.GET, "/v1/remediation?status=overdue", role: .reader).json["items"]?.arrayValue?.isEmpty == true)
        let fixedPayload = try #require(try await Self.waitForPayload(receiver, "remediation.fixed", subject: overdueSubject))
        #expect(fixedPayload["details"]?["status"]?.stringValue == "fixed")
        #expect(fixedPayload["details"]?["fixedAt"]?.stringValue != nil)
        // Deduplicated by (kind, subject): one opened per item however often the queue is checked.
        try await Task.sleep(for: .milliseconds(500))
        #expect(Self.received(receiver, "remediation.opened").count == 3, "\(Self.received(receiver, "remediation.opened").map { $0["subject"]?.stringValue ?? "" })")
        #expect(Self.received(receiver, "remediation.fixed").count == 1)
        try await server.stop()
        try await receiver.stop()
    }

    static let commit = "3f2c1b0a9e8d7c6b5a4938271605f4e3d2c1b0a9"

    /// A server that also verifies `extraKey`'s signatures, with `policy` (given the server's own key id)
    /// published and `name` registered with trusted SLSA provenance: built at `commit` by
    /// `.github/workflows/release.yml` of github.com/acme/app. Returns the server and the digest.
    static func serverWithProvenance(extraKey: PrivateKey, policy: (String) -> String, name: String,
                                     configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> (TestServer, Digest) {
        let keyFile = try TestServer.temporaryDirectory().appendingPathComponent("extra.pem")
        try Data(extraKey.publicKey.pem.utf8).write(to: keyFile)
        let server = try await TestServer.start {
            $0.keyFiles.append(keyFile.path)
            configure(&$0)
        }
        try? FileManager.default.removeItem(at: keyFile.deletingLastPathComponent())  // read once the server is ready
        let text = policy(server.signingKey.publicKey.keyID)
        #expect(try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array(text.utf8),
                                         contentType: "application/yaml").status == 201)
        let digest = TestServer.digest(name)
        try await server.register(digest, name: "shop")
        let provenance = #"{"buildDefinition":{"buildType":"https://actions.github.io/buildtypes/workflow/v1","externalParameters":{"workflow":{"ref":"refs/tags/v1.2.0","repository":"https://github.com/acme/app","path":".github/workflows/release.yml"}},"resolvedDependencies":[{"uri":"git+https://github.com/acme/app@refs/tags/v1.2.0","digest":{"gitCommit":"\#(commit)"}}]},"runDetails":{"builder":{"id":"https://github.com/actions/runner/github-hosted"}}}"#
        let attestation = try TestServer.attestation(about: digest, predicateType: "https://slsa.dev/provenance/v1", predicate: provenance,
                                                     key: server.signingKey)
        #expect(try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=attestation", role: .publisher,
                                         body: attestation, contentType: "application/json").status == 201)
        return (server, digest)
    }

    /// `tollgate audit --attest`'s envelope: subject `subject` (a commit), the predicate about `commit`
    /// with the checkout's CODEOWNERS (`codeOwners`, JSON), signed with `key`.
    static func sourceAudit(subject: String = commit, codeOwners: String, key: PrivateKey) throws -> [UInt8] {
        let statement = """
            {"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"git+https://github.com/acme/app","digest":{"gitCommit":"\(subject)"}}],\
            "predicateType":"https://tollgate.dev/attestations/source-audit/v1","predicate":{"auditor":{"name":"tollgate audit","version":"test"},\
            "repository":"git+https://github.com/acme/app","commit":"\(commit)","auditedAt":"2026-12-05T12:00:00Z","files":[],"findings":[],\
            "facts":{"pinnedActions":true,"oidcCredentials":true,"untrustedCodeIsolated":true,"workflowOwners":true},"codeOwners":\(codeOwners)}}
            """
        return try DSSE.sign(payload: Array(statement.utf8), payloadType: DSSE.inTotoPayloadType, keys: [key]).jsonBytes()
    }

    /// Records findings on `digest` and deploys it to production.
    static func runWithFindings(_ server: TestServer, _ digest: Digest, _ findings: [ObservedFinding]) async throws {
        try await observe(server, digest, findings)
        #expect(try await server.json(.POST, "/v1/deployments", role: .deployer,
                                      #"{"environment":"production","service":"shop","image":"registry.example/acme/shop@\#(digest)"}"#).status == 201)
    }

    @Test("the owners a trusted source audit's CODEOWNERS names for the build's workflow own the artifact's items before the policy's default; an exception's owner still comes first")
    func codeOwnersOwnTheItems() async throws {
        let auditor = try PrivateKey.generate(.ecdsaP256)
        let (server, digest) = try await Self.serverWithProvenance(extraKey: auditor, policy: { releaseKey in """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: release }
            source:
              auditors: { keys: ["\(auditor.publicKey.keyID)"] }
              workflowOwners: true
            artifact:
              signature: { required: false, keys: ["\(releaseKey)"] }
              provenance: { required: true }
              vulnerabilities: { maxSeverity: critical, remediationDays: { critical: 7 } }
            remediation: { defaultOwner: "@acme/platform" }
            exceptions:
              - id: EXC-LODASH
                owner: carol@acme.example
                reason: "not reachable from our code"
                expires: 2099-12-31
                match: { advisory: GHSA-rem0-bbbb-0002, component: "pkg:npm/lodash" }
            """ }, name: "remediation-codeowners")
        let owners = #"{"file":".github/CODEOWNERS","paths":{".github/workflows/release.yml":["@acme/release-team","@acme/sre"],".github/workflows/ci.yml":["@acme/ci"]},"repository":["@acme/everyone"]}"#
        let wrong = try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=source-audit", role: .publisher,
                                             body: try Self.sourceAudit(subject: String(repeating: "0", count: 40), codeOwners: owners, key: auditor),
                                             contentType: "application/json")
        #expect(wrong.status == 422 && wrong.text.contains("one audited commit"), "a subject that is not the predicate's commit: \(wrong.text)")
        let uploaded = try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=source-audit", role: .publisher,
                                                body: try Self.sourceAudit(codeOwners: owners, key: auditor), contentType: "application/json")
        #expect(uploaded.status == 201, "\(uploaded.text)")
        let decision = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#)
        let rules = decision.json["rules"]?.arrayValue ?? []
        #expect(rules.first { $0["rule"]?.stringValue == "source.workflowOwners" }?["result"]?.stringValue == "pass", "\(decision.text)")
        try await Self.runWithFindings(server, digest, [
            ObservedFinding(advisory: "GHSA-rem0-aaaa-0001", purl: "pkg:npm/left-pad@1.0.0"),
            ObservedFinding(advisory: "GHSA-rem0-bbbb-0002", purl: "pkg:npm/lodash@4.17.20"),
        ])

        let open = try await server.request(.GET, "/v1/remediation?status=open", role: .reader)
        #expect(open.json["items"]?.arrayValue?.count == 1)
        #expect(open.json["items"]?[0]?["owner"]?.stringValue == "@acme/release-team @acme/sre", "the release workflow's owners: \(open.text)")
        #expect(open.json["items"]?[0]?["ownerSource"]?.stringValue == "codeowners")
        let excepted = try await server.request(.GET, "/v1/remediation?status=excepted", role: .reader)
        #expect(excepted.json["items"]?[0]?["owner"]?.stringValue == "carol@acme.example")
        #expect(excepted.json["items"]?[0]?["ownerSource"]?.stringValue == "exception")
        let page = try await DashboardFixture.send(server.base, .GET, "/dashboard/remediation", bearer: server.tokens[.reader])
        #expect(page.text.contains("@acme/release-team @acme/sre <small>(codeowners)</small>"))
        // A later registration that names no owners (the server's own POST /v1/artifacts) does not unassign them.
        try await server.register(digest, name: "shop")
        #expect(try await server.request(.GET, "/v1/remediation?status=open", role: .reader).json["items"]?[0]?["ownerSource"]?.stringValue == "codeowners")
        try await server.stop()
    }

    @Test("a keyless source audit (a Sigstore DSSE bundle, as the paved road uploads it) counts for the identity the policy names: it passes the rule and its CODEOWNERS own the items; another identity's does not")
    func keylessSourceAuditUpload() async throws {
        var instance = try TestSigstoreInstance()
        let rootFile = try TestServer.temporaryDirectory().appendingPathComponent("trusted_root.json")
        try Data(instance.trustedRootJSON).write(to: rootFile)
        let auditor = TestFulcioIdentity.githubActions(repository: "acme/app", workflow: "audit.yml")
        let stranger = TestFulcioIdentity.githubActions(repository: "mallory/app", workflow: "audit.yml")
        let unused = try PrivateKey.generate(.ecdsaP256)
        let (server, digest) = try await Self.serverWithProvenance(extraKey: unused, policy: { releaseKey in """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: release }
            source:
              auditors:
                identities:
                  - { issuer: "\(TestFulcioIdentity.githubIssuer)", subject: "\(auditor.subject)" }
              workflowOwners: true
            artifact:
              signature: { required: false, keys: ["\(releaseKey)"] }
              provenance: { required: true }
              vulnerabilities: { maxSeverity: critical, remediationDays: { critical: 7 } }
            remediation: { defaultOwner: "@acme/platform" }
            """ }, name: "remediation-keyless-audit", configure: { $0.trustedRoot = rootFile.path })
        let owners = #"{"file":".github/CODEOWNERS","paths":{".github/workflows/release.yml":["@acme/release-team"]},"repository":[]}"#
        func upload(_ identity: TestFulcioIdentity) async throws -> Int {
            let envelope = try Self.sourceAudit(codeOwners: owners, key: unused)
            let payload = try #require(Base64Text.decode(try JSONValue.parse(envelope)["payload"]?.stringValue ?? ""))
            let bundle = try await instance.signDSSE(payload, identity: identity)
            return try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=source-audit", role: .publisher,
                                            body: bundle, contentType: "application/json").status
        }
        func workflowOwners() async throws -> String? {
            let decision = try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#)
            return (decision.json["rules"]?.arrayValue ?? []).first { $0["rule"]?.stringValue == "source.workflowOwners" }?["result"]?.stringValue
        }

        // Another identity's audit verifies as a bundle but vouches for nothing: the rule cannot pass.
        #expect(try await upload(stranger) == 201)
        #expect(try await workflowOwners() != "pass")
        // The named auditor's does.
        #expect(try await upload(auditor) == 201)
        #expect(try await workflowOwners() == "pass")
        try await Self.runWithFindings(server, digest, [ObservedFinding(advisory: "GHSA-rem0-aaaa-0001", purl: "pkg:npm/left-pad@1.0.0")])
        let open = try await server.request(.GET, "/v1/remediation?status=open", role: .reader)
        #expect(open.json["items"]?[0]?["owner"]?.stringValue == "@acme/release-team", "\(open.text)")
        #expect(open.json["items"]?[0]?["ownerSource"]?.stringValue == "codeowners")
        try await server.stop()
    }

    @Test("an item nobody owns (no exception, audit or policy default) says unassigned, once")
    func unassignedItem() async throws {
        let server = try await TestServer.start()
        let policy = Self.policy.replacingOccurrences(of: "remediation: { defaultOwner: \"@acme/platform\" }\n", with: "")
        #expect(policy != Self.policy)
        #expect(try await server.request(.PUT, "/v1/policies/release", role: .admin, body: Array(policy.utf8),
                                         contentType: "application/yaml").status == 201)
        let digest = TestServer.digest("remediation-unassigned")
        try await server.register(digest, name: "shop")
        #expect(try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#).status == 201)
        try await Self.runWithFindings(server, digest, [ObservedFinding(advisory: "GHSA-rem0-aaaa-0001", purl: "pkg:npm/left-pad@1.0.0")])
        let items = try await server.request(.GET, "/v1/remediation", role: .reader)
        #expect(items.json["items"]?[0]?["owner"]?.stringValue == "unassigned" && items.json["items"]?[0]?["ownerSource"]?.stringValue == "unassigned",
                "\(items.text)")
        let page = try await DashboardFixture.send(server.base, .GET, "/dashboard/remediation", bearer: server.tokens[.reader])
        #expect(page.text.contains("<td>unassigned</td>") && !page.text.contains("(unassigned)") && !page.text.contains("()"), "\(page.text)")
        try await server.stop()
    }

    @Test("an audit the policy does not trust names no owner: the policy's default owns the items")
    func untrustedAuditNamesNoOwner() async throws {
        let stranger = try PrivateKey.generate(.ecdsaP256)
        // The policy trusts the server's key as auditor; the audit is signed by another (verifiable) key.
        let (server, digest) = try await Self.serverWithProvenance(extraKey: stranger, policy: { releaseKey in """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: release }
            source:
              auditors: { keys: ["\(releaseKey)"] }
              workflowOwners: true
              action: warn
            artifact:
              signature: { required: false, keys: ["\(releaseKey)"] }
              provenance: { required: true }
            remediation: { defaultOwner: "@acme/platform" }
            """ }, name: "remediation-untrusted-audit")
        let owners = #"{"file":".github/CODEOWNERS","paths":{".github/workflows/release.yml":["@mallory"]},"repository":[]}"#
        #expect(try await server.request(.POST, "/v1/artifacts/\(digest)/evidence?kind=source-audit", role: .publisher,
                                         body: try Self.sourceAudit(codeOwners: owners, key: stranger),
                                         contentType: "application/json").status == 201, "it verifies; trust is the policy's")
        #expect(try await server.json(.POST, "/v1/decisions", role: .publisher, #"{"digest":"\#(digest)","policy":"release"}"#).status == 201)
        try await Self.runWithFindings(server, digest, [ObservedFinding(advisory: "GHSA-rem0-aaaa-0001", purl: "pkg:npm/left-pad@1.0.0")])
        let items = try await server.request(.GET, "/v1/remediation", role: .reader)
        #expect(items.json["items"]?[0]?["owner"]?.stringValue == "@acme/platform", "\(items.text)")
        #expect(items.json["items"]?[0]?["ownerSource"]?.stringValue == "policy")
        try await server.stop()
    }
}
