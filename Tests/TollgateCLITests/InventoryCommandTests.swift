import Foundation
import Testing
import TollgateModel

/// The inventory commands end to end through the built binary: `verify --record` fills the
/// inventory through the ledger; `incident` answers from it (JSON, Markdown, exit 0/1/5); `deploy`
/// resolves tags only through recorded observations; `import-sbom` reads subjects and reports
/// per-file errors; `drill` leaves a ledger entry; `inventory rebuild` changes no answer; `migrate`
/// moves an old inventory.json.
@Suite("Inventory and incident commands", .serialized)
struct InventoryCommandTests {
    static let examples = TollgateProcess.root.appendingPathComponent("examples").path
    static let sboms = TollgateProcess.root.appendingPathComponent("Tests/TollgateInventoryTests/Fixtures/sbom").path
    static let commit = "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f"

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]) ?? [:]
        }
    }

    /// A release directory: key, signed artifact, key-signed provenance and SBOM attestations, a
    /// ledger, the example advisory database, and a policy that trusts the key and the builder.
    struct Release {
        let dir: URL
        let digest: String

        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

        @discardableResult
        func run(_ arguments: [String], expect status: Int32? = 0) throws -> Run {
            let result = try TollgateProcess.run(arguments, in: dir)
            let run = Run(status: result.status, stdout: result.text, stderr: result.stderr)
            if let status, run.status != status {
                Issue.record("tollgate \(arguments.joined(separator: " ")) exited \(run.status), expected \(status): \(run.stderr) \(run.stdout.prefix(400))")
            }
            return run
        }

        static func make() throws -> Release {
            let dir = try CommandWorld.freshDirectory()
            try Data("app release 1.0\n".utf8).write(to: dir.appendingPathComponent("app.tar"))
            let digest = DigestAlgorithm.sha256.hash(Data("app release 1.0\n".utf8)).description
            let release = Release(dir: dir, digest: digest)
            try release.run(["key", "generate", "--output-prefix", "k", "--unsafe-unencrypted"])
            try release.run(["sign", "app.tar", "--key", "k.key", "--signature-output", "app.sig"])
            try release.run(["provenance", "generate", "--subject", "app.tar", "--key", "k.key", "--repository", "https://github.com/acme/app",
                             "--commit", InventoryCommandTests.commit, "--ref", "refs/tags/v1.0.0",
                             "--builder-id", "https://github.com/actions/runner/github-hosted", "--output", "app.prov.json"])
            try release.run(["sbom", "generate", InventoryCommandTests.examples + "/project", "--output", "sbom.cdx.json"])
            try release.run(["attest", "app.tar", "--predicate-type", "https://cyclonedx.org/bom", "--predicate", "sbom.cdx.json",
                             "--key", "k.key", "--output", "app.sbom.dsse.json"])
            try release.run(["ledger", "init"])
            try release.run(["db", "import", InventoryCommandTests.examples + "/osv"])
            let keyID = try PublicKey(pem: String(contentsOfFile: release.path("k.pub"), encoding: .utf8)).keyID
            try Data("""
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: prod }
            source: { repositories: ["github.com/acme/*"] }
            build: { builders: ["https://github.com/actions/runner/github-hosted"] }
            artifact:
              signature: { keys: [\(keyID)] }

            """.utf8).write(to: dir.appendingPathComponent("policy.yaml"))
            return release
        }

        /// `verify --record` of app.tar with every piece of evidence.
        @discardableResult
        func verifyRecord(_ extra: [String] = []) throws -> Run {
            try run(["verify", "app.tar", "--policy", "policy.yaml", "--signature", "app.sig", "--attestation", "app.prov.json",
                     "--attestation", "app.sbom.dsse.json", "--key", "k.pub", "--no-sidecar", "--record"] + extra)
        }
    }

    static func require() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TollgateProcess.binary.path), "build the tollgate binary first")
    }

    @Test("verify --record fills the inventory; incident answers the six parts from it")
    func verifyThenIncident() throws {
        try Self.require()
        let release = try Release.make()
        defer { try? FileManager.default.removeItem(at: release.dir) }
        try release.verifyRecord(["--reference", "registry.example/app:1.0", "--environment", "production/eu-1/shop"])
        let run = try release.run(["incident", "--component", "pkg:pypi/urllib3", "--versions", "vers:pypi/<1.26.5", "--policy", "policy.yaml",
                                   "--format", "json"], expect: 1)
        let answer = run.json
        #expect(answer["schemaVersion"] as? String == "tollgate.dev/incident/v1")
        #expect(answer["status"] as? String == "affected")
        let artifacts = (answer["artifact_search"] as? [String: Any])?["artifacts"] as? [[String: Any]] ?? []
        #expect(artifacts.map { $0["digest"] as? String } == [release.digest])
        let match = (artifacts.first?["matches"] as? [[String: Any]])?.first
        #expect(match?["purl"] as? String == "pkg:pypi/urllib3@1.26.4" && match?["relationship"] as? String == "direct")
        let deployments = (answer["runtime_search"] as? [String: Any])?["deployments"] as? [[String: Any]] ?? []
        #expect(deployments.first?["environment"] as? String == "production" && deployments.first?["running"] as? Bool == true)
        let verdict = ((answer["provenance_check"] as? [String: Any])?["artifacts"] as? [[String: Any]])?.first
        #expect(verdict?["verdict"] as? String == "trusted")
        #expect(verdict?["builder"] as? String == "https://github.com/actions/runner/github-hosted")
        #expect(verdict?["repository"] as? String == "github.com/acme/app")
        #expect(verdict?["decision"] as? String == "allow")
        #expect((verdict?["vouchedBy"] as? [String])?.first?.hasPrefix("signed-statement: key ") == true)
        let tags = (answer["containment"] as? [String: Any])?["freezeTags"] as? [[String: Any]] ?? []
        #expect(tags.first?["tag"] as? String == "1.0" && tags.first?["pointsAtAffected"] as? Bool == true)
        let completeness = answer["completeness"] as? [String: Any]
        #expect(completeness?["complete"] as? Bool == true)

        // Markdown renders the same answer; text is the default.
        let markdown = try release.run(["incident", "--component", "pkg:pypi/urllib3", "--format", "markdown"], expect: 1)
        #expect(markdown.stdout.contains("## 4. Provenance check") && markdown.stdout.contains("no --policy given"))
        let text = try release.run(["incident", "--component", "pkg:pypi/urllib3"], expect: 1)
        #expect(text.stdout.hasPrefix("incident --component pkg:pypi/urllib3: affected"))
        // An advisory from the local database selects the same artifact; a clean component with complete data exits 0.
        let advisory = try release.run(["incident", "--advisory", "PYSEC-2021-108", "--format", "json"], expect: 1)
        #expect(((advisory.json["artifact_search"] as? [String: Any])?["artifacts"] as? [[String: Any]])?.count == 1)
        try release.run(["incident", "--component", "pkg:npm/left-pad"], expect: 0)
        try release.run(["incident", "--builder", "https://github.com/actions/runner/github-hosted"], expect: 1)
        try release.run(["incident", "--artifact", release.digest], expect: 1)

        // review reads the same inventory: the deployment and the tag.
        let review = try release.run(["review", "app.tar", "--policy", "policy.yaml", "--signature", "app.sig", "--key", "k.pub",
                                      "--no-sidecar", "--format", "json"])
        let items = review.json["items"] as? [[String: Any]] ?? []
        #expect(items.first { $0["id"] as? String == "deployments" }?["answer"] as? String == "yes")
    }

    @Test("provenance from a signer the policy does not trust is recorded as self-asserted: found by --builder, never trusted")
    func untrustedProvenance() throws {
        try Self.require()
        let release = try Release.make()
        defer { try? FileManager.default.removeItem(at: release.dir) }
        try release.run(["key", "generate", "--output-prefix", "attacker", "--unsafe-unencrypted"])
        try release.run(["provenance", "generate", "--subject", "app.tar", "--key", "attacker.key", "--repository", "https://github.com/acme/app",
                         "--commit", Self.commit, "--ref", "refs/tags/v1.0.0", "--builder-id", "https://ci.evil.example/builder",
                         "--output", "evil.prov.json"])
        try release.run(["verify", "app.tar", "--policy", "policy.yaml", "--signature", "app.sig", "--attestation", "evil.prov.json",
                         "--attestation", "app.sbom.dsse.json", "--key", "k.pub", "--key", "attacker.pub", "--no-sidecar", "--record"], expect: 1)
        let answer = try release.run(["incident", "--builder", "https://ci.evil.example/builder", "--policy", "policy.yaml", "--format", "json"],
                                     expect: 1).json
        let artifact = ((answer["artifact_search"] as? [String: Any])?["artifacts"] as? [[String: Any]])?.first
        #expect(artifact?["digest"] as? String == release.digest)
        #expect((artifact?["reason"] as? String)?.contains("vouched for by: self-asserted") == true)
        let verdict = ((answer["provenance_check"] as? [String: Any])?["artifacts"] as? [[String: Any]])?.first
        #expect(verdict?["verdict"] as? String == "no-trusted-provenance")
        #expect(verdict?["builder"] == nil)
        #expect((verdict?["selfAsserted"] as? [String])?.contains { $0.contains("builder https://ci.evil.example/builder (self-asserted by evil.prov.json, signed by key ") } == true)
    }

    @Test("inventory rebuild changes no answer; drill times the query and leaves a drill.run entry")
    func rebuildAndDrill() throws {
        try Self.require()
        let release = try Release.make()
        defer { try? FileManager.default.removeItem(at: release.dir) }
        try release.verifyRecord(["--reference", "registry.example/app:1.0", "--environment", "production"])
        try release.run(["deploy", "record", "--environment", "staging", "--image", "registry.example/app:canary"])
        let queries = [["--component", "pkg:pypi/urllib3"], ["--component", "pkg:pypi/django"], ["--artifact", release.digest],
                       ["--repository", "github.com/acme/app"]]
        let before = try queries.map { try release.run(["incident"] + $0 + ["--policy", "policy.yaml", "--format", "json"], expect: nil) }
        let stats = try release.run(["inventory", "stats", "--format", "json"])
        let rebuild = try release.run(["inventory", "rebuild", "--format", "json"])
        #expect(rebuild.json["skipped"] as? Int == 0)
        let after = try queries.map { try release.run(["incident"] + $0 + ["--policy", "policy.yaml", "--format", "json"], expect: nil) }
        for (old, new) in zip(before, after) {
            #expect(old.status == new.status)
            #expect(old.stdout == new.stdout)
        }
        #expect(before[1].status == 5)
        #expect(try release.run(["inventory", "stats", "--format", "json"]).stdout == stats.stdout)

        let drill = try release.run(["drill", "--component", "pkg:pypi/urllib3", "--versions", "=1.26.4", "--format", "json"])
        let report = drill.json
        #expect(report["schemaVersion"] as? String == "tollgate.dev/drill/v1")
        #expect(report["status"] as? String == "affected")
        #expect((report["durationMilliseconds"] as? Double ?? -1) >= 0)
        let index = try #require(report["ledgerIndex"] as? Int)
        let entry = try release.run(["ledger", "get", String(index), "--format", "json"]).json
        #expect(entry["kind"] as? String == "drill.run")
        let payload = try #require((entry["payload"] as? String).flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(payload["answerDigest"] as? String == report["answerDigest"] as? String)
        #expect((payload["query"] as? [String: Any])?["value"] as? String == "pkg:pypi/urllib3")
        let text = try release.run(["drill", "--component", "pkg:pypi/urllib3"])
        #expect(text.stdout.contains("answered in ") && text.stdout.contains("recorded drill.run as ledger entry"))
    }

    @Test("deploy resolves a tag only through recorded observations, says so, and records an unresolvable one without a digest")
    func deployResolution() throws {
        try Self.require()
        let release = try Release.make()
        defer { try? FileManager.default.removeItem(at: release.dir) }
        try release.verifyRecord(["--reference", "registry.example/app:1.0"])
        let resolved = try release.run(["deploy", "record", "--environment", "production", "--cluster", "eu-1", "--namespace", "shop",
                                        "--service", "web", "--image", "registry.example/app:1.0"])
        #expect(resolved.stdout.contains("registry.example/app:1.0 → \(release.digest) (resolved through tag observation of registry.example/app:1.0 at "))
        let unresolved = try release.run(["deploy", "record", "--environment", "production", "--image", "registry.example/app:2.0", "--format", "json"])
        #expect(unresolved.stderr.contains("warning: production registry.example/app:2.0: no digest"))
        #expect(unresolved.json["unresolved"] as? Int == 1)
        #expect((unresolved.json["deployments"] as? [[String: Any]])?.first?["digestFrom"] as? String == "unresolved")
        // An incomplete inventory now: never "not affected".
        let clean = try release.run(["incident", "--component", "pkg:npm/left-pad", "--format", "json"], expect: 5)
        #expect(clean.json["status"] as? String == "incomplete")
        #expect((clean.json["summary"] as? String)?.contains("1 deployment has no recorded digest") == true)

        try Data("""
        {"environment":"staging","image":"registry.example/app:1.0","service":"web"}
        {"environment":"staging","image":"registry.example/app:1.0","service":"web","stoped":true}
        not json

        """.utf8).write(to: release.dir.appendingPathComponent("bad.jsonl"))
        let bad = try release.run(["deploy", "import", "bad.jsonl"], expect: 3)
        #expect(bad.stderr.contains("error[inventory.invalid-deployment]: bad.jsonl: 2 of 4 lines are not deployments, nothing was recorded: line 2: unknown field 'stoped'"))
        #expect(bad.stderr.contains("line 3: not JSON"))
        let good = try release.run(["deploy", "import", "-", "--format", "json"], expect: nil)
        #expect(good.status == 3)   // an empty standard input holds no deployment
    }

    @Test("ledger append of an inventory kind is indexed like every write; a payload the inventory cannot read stays appended, with a warning")
    func ledgerAppendIndexes() throws {
        try Self.require()
        let release = try Release.make()
        defer { try? FileManager.default.removeItem(at: release.dir) }
        try release.run(["inventory", "import-sbom", "sbom.cdx.json", "--artifact", release.digest])
        let deployment = #"{"schemaVersion":"tollgate.dev/ledger-deployment-recorded/v1","environment":"x"}"#
        let good = #"{"schemaVersion":"tollgate.dev/ledger/deployment-recorded/v1","environment":"production","service":"api","digest":"\#(release.digest)","running":true}"#
        try Data("{\"kind\":\"deployment.recorded\",\"payload\":\(good)}\n{\"kind\":\"note\",\"payload\":{\"m\":1}}\n".utf8)
            .write(to: release.dir.appendingPathComponent("entries.jsonl"))
        try release.run(["ledger", "append", "entries.jsonl"])
        let bad = try release.run(["ledger", "append", "--kind", "deployment.recorded", "--payload", deployment])
        #expect(bad.stderr.contains("is appended but not in the inventory"))
        let answer = try release.run(["incident", "--artifact", release.digest, "--format", "json"], expect: 1).json
        #expect(((answer["runtime_search"] as? [String: Any])?["runningEnvironments"] as? [String]) == ["production"])
        #expect(try release.run(["inventory", "rebuild", "--format", "json"]).json["skipped"] as? Int == 1)
    }

    @Test("import-sbom reads each SBOM's subject, reports each file that fails, imports the rest, quietly when piped")
    func importDirectory() throws {
        try Self.require()
        let release = try Release.make()
        defer { try? FileManager.default.removeItem(at: release.dir) }
        let dir = release.dir.appendingPathComponent("sboms")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("nested"), withIntermediateDirectories: true)
        for name in ["cern-lhc-vdm-editor.with-subject-hash.cdx.json", "cern-lhc-vdm-editor.oci-purl.cdx.json", "SPDXJSONExample-v2.3.spdx.json",
                     "cern-lhc-vdm-editor-e564943__bom.json"] {
            try FileManager.default.copyItem(atPath: Self.sboms + "/" + name, toPath: dir.appendingPathComponent(name == "SPDXJSONExample-v2.3.spdx.json" ? "nested/" + name : name).path)
        }
        try Data("{\"not\": \"an sbom\"}".utf8).write(to: dir.appendingPathComponent("notes.json"))
        try Data("ignored".utf8).write(to: dir.appendingPathComponent("README.txt"))
        let run = try release.run(["inventory", "import-sbom", "sboms", "--format", "json"], expect: 3)
        let imported = run.json["imported"] as? [[String: Any]] ?? []
        let failed = run.json["failed"] as? [[String: Any]] ?? []
        #expect(Set(imported.compactMap { $0["artifact"] as? String }) == [
            "sha256:02fe7953521a20dca19e37c00e52d4bd6dada563b00050aa50ea470b48ee00f6",
            "sha256:fc1133e07398b0f2389043cac4ae1ef76296a283dad8d226e4693ac02a690ad5",
            "sha256:11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd"])
        #expect(Set(failed.compactMap { $0["code"] as? String }) == ["inventory.no-subject", "sbom.unknown-format"])
        #expect(run.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("error[") }.count == 2)
        #expect(!run.stderr.contains("\u{1B}["), "progress is drawn only on a terminal")
        let answer = try release.run(["incident", "--component", "pkg:npm/puppeteer@1.19.0", "--format", "json"], expect: 1)
        #expect(((answer.json["artifact_search"] as? [String: Any])?["artifacts"] as? [[String: Any]])?.count == 2)
        // One file, with --artifact for an SBOM that names no subject.
        let one = try release.run(["inventory", "import-sbom", "sboms/cern-lhc-vdm-editor-e564943__bom.json", "--artifact", release.digest])
        #expect(one.stdout.contains("artifact from --artifact"))
    }

    @Test("an old inventory.json must be migrated first; migrate moves it into the ledger and the inventory")
    func migrate() throws {
        try Self.require()
        let release = try Release.make()
        defer { try? FileManager.default.removeItem(at: release.dir) }
        let app = DigestAlgorithm.sha256.hash(Data("old app".utf8))
        try Data("""
        {"artifacts":[{"components":["pkg:pypi/urllib3@1.26.4"],"digest":"\(app)","firstSeen":"2026-05-01T00:00:00Z","name":"old.tar"}],
         "deployments":[{"digest":"\(app)","environment":"production","time":"2026-05-02T00:00:00Z"}],
         "exceptionEvents":[],"findings":[],"schemaVersion":"tollgate.dev/inventory/v1","tags":[]}
        """.utf8).write(to: release.dir.appendingPathComponent("data/inventory.json"))
        let refused = try release.run(["incident", "--component", "pkg:pypi/urllib3"], expect: 4)
        #expect(refused.stderr.contains("error[inventory.migration-needed]"))
        try release.run(["verify", "app.tar", "--policy", "policy.yaml", "--signature", "app.sig", "--key", "k.pub", "--no-sidecar"], expect: 4)
        let migrated = try release.run(["inventory", "migrate"])
        #expect(migrated.stdout.contains("1 artifacts, 1 component lists"))
        #expect(FileManager.default.fileExists(atPath: release.path("data/inventory.json.migrated")))
        let answer = try release.run(["incident", "--component", "pkg:pypi/urllib3", "--format", "json"], expect: 1)
        #expect(((answer.json["runtime_search"] as? [String: Any])?["running"] as? Int) == 1)
        #expect(try release.run(["inventory", "migrate"]).stdout.contains("nothing to migrate"))
    }
}
