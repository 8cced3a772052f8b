import Foundation
import Testing
import TollgateModel

/// The trust model end to end, through the built `tollgate` binary as a release engineer runs it:
/// whoever supplies the evidence must not be able to turn deny into allow. Each bypass of
/// docs/threat-model.md is tried and must deny with its reason code; beside them, the honest
/// sign → attest → SBOM → scan → VEX → verify flow allows.
@Suite("The gate decides only from evidence it can trust (CLI)", .serialized)
struct GateTrustTests {
    static let root = TollgateProcess.root
    static let fixtures = root.appendingPathComponent("Tests/TollgateCLITests/Fixtures/gate")

    /// Runs `tollgate` and returns (status, stdout, stderr).
    @discardableResult
    static func run(_ arguments: [String], in directory: URL) throws -> (Int32, String, String) {
        let result = try TollgateProcess.run(arguments, in: directory)
        return (result.status, result.text, result.stderr)
    }

    /// A release: two keys (the team's, trusted; an attacker's, not), the artifact, and honest evidence.
    struct World {
        let dir: URL
        let release: String
        let attacker: String

        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

        @discardableResult
        func tollgate(_ arguments: [String], expect status: Int32? = 0, stdout file: String? = nil) throws -> String {
            let (code, out, err) = try GateTrustTests.run(arguments, in: dir)
            if let status, code != status {
                Issue.record("tollgate \(arguments.joined(separator: " ")) exited \(code), expected \(status): \(err)")
            }
            if let file { try Data(out.utf8).write(to: URL(fileURLWithPath: path(file))) }
            return out
        }

        func write(_ text: String, _ name: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        }

        /// `tollgate verify … --format json`: the exit status and the decision.
        func verify(_ arguments: [String], policy: String = GateTrustTests.policy) throws -> (Int32, [String: Any]) {
            try write(policy.replacingOccurrences(of: "RELEASE", with: release), "policy.yaml")
            let (status, out, err) = try GateTrustTests.run(["verify"] + arguments + ["--policy", "policy.yaml", "--format", "json"], in: dir)
            guard let object = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] else {
                Issue.record("verify printed no decision (exit \(status)): \(out) \(err)")
                return (status, [:])
            }
            return (status, object)
        }
    }

    static let vulnerableHigh = "CVE-2023-43804"

    /// Trusts the release key for everything; urllib3's high CVE-2023-43804 is the one finding over
    /// the budget (the other findings are unrated, ranked low here).
    static let policy = """
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: release }
    source: { repositories: ["github.com/acme/*"] }
    artifact:
      signature: { keys: [RELEASE] }
      provenance: { required: true, builders: ["https://github.com/actions/runner/github-hosted"] }
      sbom: { required: true }
      vulnerabilities: { maxSeverity: medium, unknownSeverity: low }
    deploy: { byDigest: true }
    """

    static func world() throws -> World {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-gate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["release", "attacker"] {
            let (status, _, err) = try run(["key", "generate", "--output-prefix", name, "--unsafe-unencrypted"], in: dir)
            guard status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: err]) }
        }
        func keyID(_ name: String) throws -> String {
            try PublicKey(pem: String(contentsOf: dir.appendingPathComponent("\(name).pub"), encoding: .utf8)).keyID
        }
        let world = World(dir: dir, release: try keyID("release"), attacker: try keyID("attacker"))
        try Data("acme app 1.0.0\n".utf8).write(to: dir.appendingPathComponent("app.tar"))
        let examples = root.appendingPathComponent("examples").path
        try world.tollgate(["db", "import", examples + "/osv", "--db", world.path("advisories.sqlite")])
        try world.tollgate(["sbom", "generate", examples + "/project", "--format", "cyclonedx-json", "--output", world.path("sbom.cdx.json")])
        try world.tollgate(["sign", "app.tar", "--key", "release.key"], stdout: "app.sig")
        try world.provenance(key: "release.key", output: "prov.dsse.json")
        try world.tollgate(["attest", "app.tar", "--predicate-type", "https://cyclonedx.org/bom", "--predicate", "sbom.cdx.json",
                            "--key", "release.key"], stdout: "sbom.dsse.json")
        try world.vex([("not_affected", "2026-11-01T00:00:00Z")], key: "release.key", output: "vex.dsse.json")
        return world
    }

    /// The honest evidence flags (with the gate's own scan against `advisories.sqlite`).
    static func honest(_ world: World) -> [String] {
        ["app.tar", "--signature", "app.sig", "--attestation", "prov.dsse.json", "--attestation", "sbom.dsse.json",
         "--attestation", "vex.dsse.json", "--key", "release.pub", "--key", "attacker.pub",
         "--db", "advisories.sqlite", "--reference", "registry.acme.example/app@\(digest(world))", "--no-sidecar"]
    }

    static func digest(_ world: World) -> String {
        (try? FileDigester(algorithm: .sha256).digest(path: world.path("app.tar")).description) ?? ""
    }

    static func results(_ decision: [String: Any]) -> [String: String] {
        var map: [String: String] = [:]
        for rule in decision["rules"] as? [[String: Any]] ?? [] {
            if let id = rule["rule"] as? String { map[id] = rule["result"] as? String }
        }
        return map
    }

    static func reason(_ decision: [String: Any], _ rule: String) -> String {
        let found = (decision["rules"] as? [[String: Any]] ?? []).first { $0["rule"] as? String == rule }
        return found?["reason"] as? String ?? ""
    }

    static func problemCodes(_ decision: [String: Any]) -> [String] {
        (decision["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    static func problems(_ decision: [String: Any]) -> [String] {
        (decision["problems"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
    }

    // MARK: - The positive control

    @Test("the honest sign → attest → SBOM → scan → VEX → verify flow allows, on facts the gate can name the source of")
    func honestFlowAllows() throws {
        let world = try Self.world()
        let (status, decision) = try world.verify(Self.honest(world))
        #expect(status == 0)
        #expect(decision["decision"] as? String == "allow", "\(Self.results(decision)) \(Self.problems(decision))")
        #expect(Self.problemCodes(decision).isEmpty, "\(Self.problems(decision))")
        let results = Self.results(decision)
        #expect(results["artifact.provenance"] == "pass")
        #expect(results["artifact.sbom"] == "pass")
        #expect(results["artifact.vulnerabilities.maxSeverity"] == "pass")
        #expect(results["artifact.vulnerabilities.maxDatabaseAge"] == "pass")
        #expect(Self.reason(decision, "artifact.vulnerabilities.maxSeverity").contains("1 suppressed by VEX"))
        let database = decision["database"] as? [String: Any]
        #expect(database?["importedAt"] != nil)
        // Each fact names who vouches for it.
        let source = (decision["rules"] as? [[String: Any]] ?? []).first { $0["rule"] as? String == "source.repositories" }
        #expect((source?["evidence"] as? [String])?.first?.contains("statement signed by key \(world.release)") == true)
    }

    @Test("verify --record returns a receipt: a signed checkpoint and an inclusion proof that check-receipt verifies offline")
    func recordReceipt() throws {
        let world = try Self.world()
        try world.tollgate(["ledger", "init"])
        let (status, decision) = try world.verify(Self.honest(world) + ["--record", "--receipt-output", "receipt.json"])
        #expect(status == 0)
        let ledger = try #require(decision["ledger"] as? [String: Any])
        #expect(ledger["schemaVersion"] as? String == "tollgate.dev/ledger-receipt/v1")
        let vkey = try String(contentsOfFile: world.path("data/ledger.vkey"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let check = try world.tollgate(["ledger", "check-receipt", "receipt.json", "--log-key", vkey, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(check.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == true)
        let entry = report["entry"] as? [String: Any]
        #expect(entry?["kind"] as? String == "decision.made")
        // The actor is the ledger key that recorded, not a name the command line chose.
        #expect((entry?["actor"] as? String)?.hasPrefix("key:") == true)
        // Another log's key does not verify it.
        try world.tollgate(["ledger", "init", "--data", world.path("other"), "--origin", "other.example/log"])
        let otherKey = try String(contentsOfFile: world.path("other/ledger.vkey"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try world.tollgate(["ledger", "check-receipt", "receipt.json", "--log-key", otherKey], expect: 1)
    }

    // MARK: - Bypasses

    @Test("provenance signed by an untrusted key does not count, and the decision says whose it was")
    func untrustedProvenanceSigner() throws {
        let world = try Self.world()
        try world.provenance(key: "attacker.key", output: "evil.dsse.json")
        let arguments = Self.honest(world).map { $0 == "prov.dsse.json" ? "evil.dsse.json" : $0 }
        let (status, decision) = try world.verify(arguments)
        #expect(status == 1)
        #expect(decision["decision"] as? String == "deny")
        #expect(Self.results(decision)["artifact.provenance"] == "fail")
        #expect(Self.problemCodes(decision).contains("evidence.untrusted-signer"))
        #expect(Self.problems(decision).contains { $0.contains("provenance signed by key \(world.attacker), who is not a trusted provenance signer") })
    }

    @Test("an SBOM signed by an untrusted signer does not count, so nothing is scanned")
    func untrustedSBOMSigner() throws {
        let world = try Self.world()
        try world.tollgate(["attest", "app.tar", "--predicate-type", "https://cyclonedx.org/bom", "--predicate", "sbom.cdx.json",
                            "--key", "attacker.key"], stdout: "evil-sbom.dsse.json")
        let arguments = Self.honest(world).map { $0 == "sbom.dsse.json" ? "evil-sbom.dsse.json" : $0 }
        let (status, decision) = try world.verify(arguments)
        #expect(status == 1)
        #expect(Self.results(decision)["artifact.sbom"] == "fail")
        #expect(Self.results(decision)["artifact.vulnerabilities.maxSeverity"] == "fail")
        #expect(Self.problemCodes(decision).contains("evidence.untrusted-signer"))
    }

    @Test("an unsigned SBOM with no components and an emptied scan file cannot pass")
    func unsignedEvidence() throws {
        let world = try Self.world()
        try world.write(#"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[]}"#, "empty.cdx.json")
        let report = try world.tollgate(["scan", "sbom.cdx.json", "--db", "advisories.sqlite", "--format", "json"])
        // Doctor the report: drop every finding.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        object["findings"] = []
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: world.path("scan.json")))
        let arguments = ["app.tar", "--signature", "app.sig", "--attestation", "prov.dsse.json", "--key", "release.pub",
                         "--sbom", "empty.cdx.json", "--scan", "scan.json", "--db", "advisories.sqlite",
                         "--reference", "registry.acme.example/app@\(Self.digest(world))", "--no-sidecar"]
        let (status, decision) = try world.verify(arguments)
        #expect(status == 1)
        #expect(Self.results(decision)["artifact.sbom"] == "fail")
        #expect(Self.results(decision)["artifact.vulnerabilities.maxSeverity"] == "fail")
        #expect(Self.problemCodes(decision).filter { $0 == "evidence.unsigned" }.count == 2)
    }

    @Test("a doctored scan file does not count even with a trusted SBOM: the gate scans the SBOM itself")
    func doctoredScan() throws {
        let world = try Self.world()
        try world.write(#"{"schemaVersion":"tollgate.dev/scan/v1","source":"x","summary":{"components":4,"scanned":4,"unscannable":0,"findings":0,"suppressed":0,"unconfirmed":0,"bySeverity":{}},"findings":[],"unscannable":[],"warnings":[]}"#, "scan.json")
        let noVEX = Self.without(Self.honest(world), "--attestation", "vex.dsse.json") + ["--scan", "scan.json"]
        let (status, decision) = try world.verify(noVEX)
        #expect(status == 1)
        #expect(Self.results(decision)["artifact.vulnerabilities.maxSeverity"] == "fail")
        #expect(Self.reason(decision, "artifact.vulnerabilities.maxSeverity").contains("PYSEC-2023-192"))
        #expect(Self.problemCodes(decision).contains("evidence.unsigned"))
    }

    @Test("a signed scan of a different SBOM does not count")
    func scanOfAnotherSBOM() throws {
        let world = try Self.world()
        // A smaller SBOM without urllib3, scanned and signed by the trusted key: clean, but not the SBOM the release attested.
        try world.write(#"{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0"}]}"#, "other.cdx.json")
        try world.tollgate(["scan", "other.cdx.json", "--db", "advisories.sqlite", "--format", "json", "--attest", "--key", "release.key",
                            "--subject", "app.tar", "--attest-output", "other.scan.dsse.json"])
        let arguments = Self.without(Self.without(Self.honest(world), "--db", "advisories.sqlite"), "--attestation", "vex.dsse.json")
            + ["--scan", "other.scan.dsse.json"]
        let (status, decision) = try world.verify(arguments)
        #expect(status == 1)
        #expect(Self.results(decision)["artifact.vulnerabilities.maxSeverity"] == "fail")
        #expect(Self.problemCodes(decision).contains("evidence.wrong-subject"))
        #expect(Self.problems(decision).contains { $0.contains("not the trusted SBOM") })
    }

    @Test("a signed scan of the trusted SBOM by a trusted scanner counts when the gate has no database")
    func trustedScanAttestation() throws {
        let world = try Self.world()
        try world.tollgate(["scan", "sbom.cdx.json", "--db", "advisories.sqlite", "--format", "json", "--attest", "--key", "release.key",
                            "--subject", "app.tar", "--attest-output", "scan.dsse.json"])
        let arguments = Self.without(Self.without(Self.honest(world), "--db", "advisories.sqlite"), "--attestation", "vex.dsse.json")
            + ["--scan", "scan.dsse.json"]
        let (status, decision) = try world.verify(arguments)
        // The scanner's findings are used: the high urllib3 advisory fails the budget.
        #expect(status == 1)
        #expect(Self.problemCodes(decision).isEmpty, "\(Self.problems(decision))")
        #expect(Self.reason(decision, "artifact.vulnerabilities.maxSeverity").contains("PYSEC-2023-192"))
        #expect(Self.results(decision)["artifact.vulnerabilities.maxDatabaseAge"] == "pass")
    }

    @Test("trusted VEX applies to a trusted scanner's findings too; the scanner's own suppressions do not count")
    func vexOnScanAttestation() throws {
        let world = try Self.world()
        // The scanner was given VEX it may not vouch for: its report marks the finding suppressed.
        try world.write(try String(contentsOfFile: world.path("vex.json"), encoding: .utf8), "scanner-vex.json")
        try world.tollgate(["scan", "sbom.cdx.json", "--db", "advisories.sqlite", "--vex", "scanner-vex.json", "--format", "json",
                            "--attest", "--key", "release.key", "--subject", "app.tar", "--attest-output", "scan.dsse.json"])
        let scanOnly = Self.without(Self.without(Self.honest(world), "--db", "advisories.sqlite"), "--attestation", "vex.dsse.json")
            + ["--scan", "scan.dsse.json"]
        let (denied, _) = try world.verify(scanOnly)
        #expect(denied == 1)
        // With the same statement signed by a trusted VEX author, the finding is suppressed.
        let (allowed, decision) = try world.verify(scanOnly + ["--attestation", "vex.dsse.json"])
        #expect(allowed == 0, "\(Self.results(decision)) \(Self.problems(decision))")
        let evidence = (decision["rules"] as? [[String: Any]] ?? []).first { $0["rule"] as? String == "artifact.vulnerabilities.maxSeverity" }?["evidence"]
        #expect((evidence as? [String])?.contains { $0.contains("VEX on PYSEC-2023-192 in pkg:pypi/urllib3@1.26.4: not_affected") } == true)
    }

    @Test("a stale advisory database denies")
    func staleDatabase() throws {
        let world = try Self.world()
        Thread.sleep(forTimeInterval: 2.1)
        let stale = Self.policy.replacingOccurrences(of: "unknownSeverity: low }", with: "unknownSeverity: low, maxDatabaseAge: 2s }")
        let (status, decision) = try world.verify(Self.honest(world), policy: stale)
        #expect(status == 1)
        #expect(Self.results(decision)["artifact.vulnerabilities.maxDatabaseAge"] == "fail")
        #expect(Self.reason(decision, "artifact.vulnerabilities.maxDatabaseAge").contains("expected an advisory database imported at most 2s ago"))
    }

    @Test("a later affected VEX statement overrides an earlier not_affected one")
    func laterAffectedVEX() throws {
        let world = try Self.world()
        try world.vex([("not_affected", "2026-11-01T00:00:00Z"), ("affected", "2026-11-20T00:00:00Z")], key: "release.key", output: "vex2.dsse.json")
        let arguments = Self.honest(world).map { $0 == "vex.dsse.json" ? "vex2.dsse.json" : $0 }
        let (status, decision) = try world.verify(arguments)
        #expect(status == 1)
        #expect(Self.results(decision)["artifact.vulnerabilities.maxSeverity"] == "fail")
        #expect(Self.reason(decision, "artifact.vulnerabilities.maxSeverity").contains("PYSEC-2023-192"))
    }

    @Test("VEX from an untrusted author and unsigned VEX suppress nothing")
    func untrustedVEX() throws {
        let world = try Self.world()
        try world.vex([("not_affected", "2026-11-01T00:00:00Z")], key: "attacker.key", output: "evil-vex.dsse.json")
        let arguments = Self.honest(world).map { $0 == "vex.dsse.json" ? "evil-vex.dsse.json" : $0 } + ["--vex", "vex.json"]
        let (status, decision) = try world.verify(arguments)
        #expect(status == 1)
        #expect(Self.results(decision)["artifact.vulnerabilities.maxSeverity"] == "fail")
        #expect(Self.problemCodes(decision).contains("evidence.untrusted-signer"))
        #expect(Self.problemCodes(decision).contains("evidence.unsigned"))
    }

    @Test("a tag-only reference, or no reference at all, denies deploy.byDigest")
    func tagOnlyReference() throws {
        let world = try Self.world()
        let tagged = Self.honest(world).map { $0.hasPrefix("registry.acme.example/app@") ? "registry.acme.example/app:1.0.0" : $0 }
        let (status, decision) = try world.verify(tagged)
        #expect(status == 1)
        #expect(Self.results(decision)["deploy.byDigest"] == "fail")
        #expect(Self.reason(decision, "deploy.byDigest").contains("found reference by tag registry.acme.example/app:1.0.0"))
        let (noneStatus, none) = try world.verify(Self.without(Self.honest(world), "--reference", "registry.acme.example/app@\(Self.digest(world))"))
        #expect(noneStatus == 1)
        #expect(Self.reason(none, "deploy.byDigest").hasPrefix("cannot evaluate: no deployment reference was given"))
    }

    @Test("renaming an artifact does not bring it under another artifact's exception")
    func renamedArtifact() throws {
        let world = try Self.world()
        let excepted = Self.policy + """

        exceptions:
          - id: EXC-OTHER
            owner: alice@acme.example
            reason: "the other app's deploy tooling pins by tag until migration"
            expires: 2099-12-31
            match: { artifact: "other-app.tar", rules: [deploy.byDigest] }
        """
        try FileManager.default.copyItem(atPath: world.path("app.tar"), toPath: world.path("other-app.tar"))
        let renamed = Self.honest(world).map {
            $0 == "app.tar" ? "other-app.tar" : $0.hasPrefix("registry.acme.example/app@") ? "registry.acme.example/app:1.0.0" : $0
        }
        let (status, decision) = try world.verify(renamed, policy: excepted)
        #expect(status == 1)
        #expect(Self.results(decision)["deploy.byDigest"] == "fail")
        // By digest, the exception applies.
        let byDigest = excepted.replacingOccurrences(of: "artifact: \"other-app.tar\"", with: "artifact: \"\(Self.digest(world))\"")
        let (allowed, applied) = try world.verify(renamed, policy: byDigest)
        #expect(allowed == 0)
        #expect(Self.results(applied)["deploy.byDigest"] == "excepted")
    }

    @Test("touching a scan file does not make it fresh: an unsigned scan never satisfies maxScanAge")
    func touchedScanFile() throws {
        let world = try Self.world()
        let report = try world.tollgate(["scan", "sbom.cdx.json", "--db", "advisories.sqlite", "--format", "json"])
        try world.write(report, "scan.json")
        // Fresh by mtime, as `touch` would make it; no database and no signed scan.
        let fresh = Self.policy.replacingOccurrences(of: "unknownSeverity: low }", with: "unknownSeverity: low, maxScanAge: 1h }")
        let arguments = Self.without(Self.honest(world), "--db", "advisories.sqlite") + ["--scan", "scan.json"]
        let (status, decision) = try world.verify(arguments, policy: fresh)
        #expect(status == 1)
        #expect(Self.results(decision)["artifact.vulnerabilities.maxScanAge"] == "fail")
        #expect(Self.reason(decision, "artifact.vulnerabilities.maxScanAge").hasPrefix("cannot evaluate: no trusted vulnerability findings"))
    }

    @Test("renaming the file and passing a new --purl does not detach a fork from the package's history")
    func continuityIdentity() throws {
        let world = try Self.world()
        try world.tollgate(["ledger", "init"])
        let continuity = Self.policy.replacingOccurrences(of: "source: { repositories: [\"github.com/acme/*\"] }",
                                                          with: "source: { repositories: [\"github.com/acme/*\"], continuity: true }")
        let (first, _) = try world.verify(Self.honest(world) + ["--record"], policy: continuity)
        #expect(first == 0)
        // Version 2 comes from another repository of the organisation, signed with the same key.
        try FileManager.default.createDirectory(atPath: world.path("v2"), withIntermediateDirectories: true)
        try Data("acme app 2.0.0\n".utf8).write(to: URL(fileURLWithPath: world.path("v2/app.tar")))
        try world.tollgate(["provenance", "generate", "--subject", "v2/app.tar", "--key", "release.key", "--repository", "https://github.com/acme/app-fork",
                            "--commit", "0123456789abcdef0123456789abcdef01234567", "--ref", "refs/tags/v2.0.0",
                            "--builder-id", "https://github.com/actions/runner/github-hosted", "--event", "push", "--output", "v2.prov.dsse.json"])
        try world.tollgate(["attest", "v2/app.tar", "--predicate-type", "https://cyclonedx.org/bom", "--predicate", "sbom.cdx.json",
                            "--key", "release.key"], stdout: "v2.sbom.dsse.json")
        try world.tollgate(["sign", "v2/app.tar", "--key", "release.key"], stdout: "v2.sig")
        try FileManager.default.copyItem(atPath: world.path("v2/app.tar"), toPath: world.path("renamed.tar"))
        let digest = try FileDigester(algorithm: .sha256).digest(path: world.path("renamed.tar")).description
        let arguments = ["renamed.tar", "--signature", "v2.sig", "--attestation", "v2.prov.dsse.json", "--attestation", "v2.sbom.dsse.json",
                         "--attestation", "vex.dsse.json", "--key", "release.pub", "--db", "advisories.sqlite",
                         "--reference", "registry.acme.example/app@\(digest)", "--purl", "pkg:generic/brand-new@1.0", "--no-sidecar"]
        let (status, decision) = try world.verify(arguments, policy: continuity)
        #expect(status == 1)
        #expect(Self.results(decision)["source.continuity"] == "fail")
        #expect(Self.reason(decision, "source.continuity").contains("source repository github.com/acme/app-fork differs from github.com/acme/app"))
    }

    @Test("provenance that lists no resolved dependencies does not pass build.pinnedDependencies")
    func noDependencies() throws {
        let world = try Self.world()
        try world.write(#"{"buildDefinition":{"buildType":"https://actions.github.io/buildtypes/workflow/v1","externalParameters":{"workflow":{"repository":"https://github.com/acme/app","ref":"refs/tags/v1.0.0","path":".github/workflows/release.yml"}}},"runDetails":{"builder":{"id":"https://github.com/actions/runner/github-hosted"}}}"#, "bare.json")
        try world.tollgate(["attest", "app.tar", "--predicate-type", "https://slsa.dev/provenance/v1", "--predicate", "bare.json",
                            "--key", "release.key"], stdout: "bare.dsse.json")
        let pinned = Self.policy.replacingOccurrences(of: "artifact:\n", with: "build: { pinnedDependencies: true }\nartifact:\n")
        let (status, decision) = try world.verify(Self.honest(world).map { $0 == "prov.dsse.json" ? "bare.dsse.json" : $0 }, policy: pinned)
        #expect(status == 1)
        #expect(Self.results(decision)["build.pinnedDependencies"] == "fail")
        #expect(Self.reason(decision, "build.pinnedDependencies").contains("found no resolved dependencies"))
        // The honest provenance names the pinned source commit and passes.
        let (allowed, honest) = try world.verify(Self.honest(world), policy: pinned)
        #expect(allowed == 0, "\(Self.results(honest))")
    }

    // MARK: - Facts from Fulcio certificates (real sigstore-conformance bundles)

    static let certificatePolicy = """
    apiVersion: tollgate.dev/v1
    kind: Policy
    metadata: { name: keyless }
    source: { repositories: ["github.com/sigstore-conformance/*"], refs: ["refs/heads/main"] }
    build: { triggers: { allow: [workflow_dispatch] } }
    artifact:
      signature:
        identities:
          - issuer: https://token.actions.githubusercontent.com
            subjectRegExp: "^https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.*$"
            sourceRepository: "github.com/sigstore-conformance/*"
            runnerEnvironment: github-hosted
    """

    static func keylessWorld() throws -> World {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-keyless-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["a.txt", "happy-path-v0.3.sigstore.json", "happy-path-intoto-in-dsse-v3.sigstore.json", "trusted_root.production.json"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return World(dir: dir, release: "", attacker: "")
    }

    @Test("source and build rules read the signing certificate's extensions, and say so")
    func certificateFacts() throws {
        let world = try Self.keylessWorld()
        let (status, decision) = try world.verify(["a.txt", "--bundle", "happy-path-v0.3.sigstore.json",
                                                   "--trusted-root", "trusted_root.production.json", "--no-sidecar"],
                                                  policy: Self.certificatePolicy)
        #expect(status == 0, "\(Self.results(decision)) \(Self.problems(decision))")
        #expect(Self.results(decision) == ["source.repositories": "pass", "source.refs": "pass", "build.triggers": "pass",
                                           "artifact.signature": "pass"])
        let source = (decision["rules"] as? [[String: Any]] ?? []).first { $0["rule"] as? String == "source.repositories" }
        #expect((source?["evidence"] as? [String])?.first?.contains("(certificate of https://github.com/sigstore-conformance/") == true)
        // An identity that pins another repository or a self-hosted runner does not match the certificate.
        let pinned = Self.certificatePolicy.replacingOccurrences(of: "runnerEnvironment: github-hosted", with: "runnerEnvironment: self-hosted")
        let (refused, denied) = try world.verify(["a.txt", "--bundle", "happy-path-v0.3.sigstore.json",
                                                  "--trusted-root", "trusted_root.production.json", "--no-sidecar"], policy: pinned)
        #expect(refused == 1)
        #expect(Self.results(denied)["artifact.signature"] == "fail")
    }

    @Test("provenance whose claims contradict its certificate denies, naming both values")
    func contradictingProvenance() throws {
        let world = try Self.keylessWorld()
        let policy = Self.certificatePolicy.replacingOccurrences(of: "artifact:\n", with: "artifact:\n  provenance: { required: true }\n")
            .replacingOccurrences(of: "  signature:\n", with: "  signature:\n    required: false\n")
        let (status, decision) = try world.verify(["a.txt", "--attestation", "happy-path-intoto-in-dsse-v3.sigstore.json",
                                                   "--trusted-root", "trusted_root.production.json", "--no-sidecar"], policy: policy)
        #expect(status == 1)
        #expect(Self.results(decision)["artifact.provenance"] == "fail")
        #expect(Self.problemCodes(decision).contains("evidence.contradicts-certificate"))
        #expect(Self.reason(decision, "artifact.provenance").contains(
            "sourceRepository: the statement says github.com/loosebazooka/aa-test, the certificate says github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon"))
        #expect(Self.results(decision)["source.repositories"] == "fail")
    }

    @Test("a trusted root that fails to load is an error (exit 3), never verification without one")
    func brokenTrustedRoot() throws {
        let world = try Self.keylessWorld()
        try world.write(#"{"mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1", "tlogs": [{"#, "broken-root.json")
        try world.write(Self.certificatePolicy, "policy.yaml")
        let (again, out, message) = try Self.run(["verify", "a.txt", "--bundle", "happy-path-v0.3.sigstore.json", "--trusted-root", "broken-root.json",
                                                  "--policy", "policy.yaml", "--no-sidecar"], in: world.dir)
        #expect(out.isEmpty)
        #expect(again == 3)
        #expect(message.hasPrefix("error["))
    }

    @Test("tollgate review answers from trusted evidence only: without a policy nobody is trusted")
    func reviewTrust() throws {
        let world = try Self.world()
        try world.write(Self.policy.replacingOccurrences(of: "RELEASE", with: world.release), "policy.yaml")
        let evidence = ["app.tar", "--signature", "app.sig", "--attestation", "prov.dsse.json", "--key", "release.pub", "--no-sidecar"]
        let trusted = try world.tollgate(["review"] + evidence + ["--policy", "policy.yaml", "--format", "json"])
        let untrusted = try world.tollgate(["review"] + evidence + ["--format", "json"])
        func answers(_ json: String) throws -> [String: String] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            var map: [String: String] = [:]
            for item in object["items"] as? [[String: Any]] ?? [] { map[item["id"] as? String ?? ""] = item["answer"] as? String }
            return map
        }
        #expect(try answers(trusted)["traced"] == "yes")
        #expect(try answers(untrusted)["traced"] == "no")
        #expect(try answers(trusted)["deployments"] == "no")
    }

    // MARK: - Helpers

    static func without(_ arguments: [String], _ flag: String, _ value: String) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            if arguments[index] == flag, index + 1 < arguments.count, arguments[index + 1] == value {
                index += 2
                continue
            }
            result.append(arguments[index])
            index += 1
        }
        return result
    }
}

extension GateTrustTests.World {
    /// SLSA provenance for app.tar from github.com/acme/app, signed with `key`.
    func provenance(key: String, output: String) throws {
        try tollgate(["provenance", "generate", "--subject", "app.tar", "--key", key, "--repository", "https://github.com/acme/app",
                      "--commit", "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f", "--ref", "refs/tags/v1.0.0", "--workflow", ".github/workflows/release.yml",
                      "--builder-id", "https://github.com/actions/runner/github-hosted", "--event", "push", "--output", output])
    }

    /// An OpenVEX document about CVE-2023-43804 in urllib3 1.26.4, one statement per (status, time), signed with `key`.
    func vex(_ statements: [(String, String)], key: String, output: String) throws {
        let items = statements.map { status, time in
            """
            {"vulnerability":{"name":"\(GateTrustTests.vulnerableHigh)"},"products":[{"@id":"pkg:pypi/urllib3@1.26.4"}],
             "status":"\(status)","timestamp":"\(time)"\(status == "not_affected" ? ",\"justification\":\"vulnerable_code_not_in_execute_path\"" : "")}
            """
        }
        try write("""
        {"@context":"https://openvex.dev/ns/v0.2.0","@id":"https://acme.example/vex/1","author":"security@acme.example",
         "timestamp":"2026-11-01T00:00:00Z","version":1,"statements":[\(items.joined(separator: ","))]}
        """, "vex.json")
        try tollgate(["attest", "app.tar", "--predicate-type", "https://openvex.dev/ns/v0.2.0", "--predicate", "vex.json", "--key", key],
                     stdout: output)
    }
}
