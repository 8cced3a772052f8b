import Foundation
import Testing
import TollgateCLI
import TollgateModel

/// `rebuild compare`, `rebuild attest` and the `artifact.reproducible` rule end to end through
/// `TollgateCommand.run`: archives built twice with the system's `tar`, provenance from `provenance
/// generate`, rebuild attestations signed by three rebuilders, and `verify` deciding.
@Suite("rebuild compare, rebuild attest, artifact.reproducible (end to end)", .serialized)
struct RebuildCommandTests {
    let dir: String

    init() throws {
        dir = NSTemporaryDirectory() + "tollgate-rebuild-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try shell("""
            mkdir -p src && printf 'hello\\n' > src/a.txt && printf 'world\\n' > src/b.txt
            tar --sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner -cf release.tar src
            tar --sort=name --mtime=@1700000000 --owner=0 --group=0 --numeric-owner -cf same.tar src
            tar --sort=name --mtime=@1700009999 --owner=0 --group=0 --numeric-owner -cf differs.tar src
            """)
    }

    func shell(_ script: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-euo", "pipefail", "-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    func run(_ arguments: [String]) async -> Int32 {
        await TollgateCommand.run(arguments: arguments)
    }

    func path(_ name: String) -> String { dir + "/" + name }

    func json(_ name: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path(name)))) as? [String: Any])
    }

    func readEnvelope(_ file: String) throws -> DSSEEnvelope {
        try DSSEEnvelope(parsing: Data(contentsOf: URL(fileURLWithPath: file)))
    }

    func keyID(_ name: String) throws -> String {
        try PublicKey(pem: String(contentsOfFile: path("\(name).pub"), encoding: .utf8)).keyID
    }

    @Test("compare: exit 0 equal, 1 different with the classes in JSON, 3 for a missing file")
    func compare() async throws {
        #expect(await run(["rebuild", "compare", path("release.tar"), path("same.tar")]) == 0)
        #expect(await run(["rebuild", "compare", path("release.tar"), path("differs.tar"), "--format", "json", "-o", path("c.json")]) == 1)
        let report = try json("c.json")
        #expect(report["schemaVersion"] as? String == "tollgate.dev/rebuild-comparison/v1")
        let comparison = try #require(report["comparison"] as? [String: Any])
        #expect(comparison["match"] as? Bool == false)
        let differences = try #require(comparison["differences"] as? [[String: Any]])
        #expect(differences.map { $0["path"] as? String } == ["src", "src/a.txt", "src/b.txt"])
        #expect(differences.allSatisfy { $0["classes"] as? [String] == ["modification-time"] })
        // --deep never needs diffoscope: without it on PATH the verdict and the report stand.
        if ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
            .contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/diffoscope") }) != true {
            #expect(await run(["rebuild", "compare", path("release.tar"), path("differs.tar"), "--deep", "--format", "json",
                               "-o", path("deep.json")]) == 1)
            #expect((try json("deep.json")["comparison"] as? [String: Any])?["match"] as? Bool == false)
        }
        #expect(await run(["rebuild", "compare", path("release.tar"), path("missing.tar")]) == 3)
        #expect(await run(["rebuild", "compare", path("release.tar")]) == 2)
    }

    @Test("the reproducible rule: no attestation, untrusted rebuilder, trusted mismatch, threshold met")
    func reproducibleRule() async throws {
        for name in ["release", "a", "b", "c"] {
            #expect(await run(["key", "generate", "--output-prefix", path(name), "--unsafe-unencrypted"]) == 0)
        }
        #expect(await run(["provenance", "generate", "--subject", path("release.tar"), "--key", path("release.key"),
                           "--repository", "https://github.com/acme/app", "--commit", "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f",
                           "--builder-id", "https://ci.acme.example/builder", "-o", path("prov.json")]) == 0)
        for (rebuilder, rebuilt, out) in [("a", "same.tar", "a.att"), ("b", "same.tar", "b.att"), ("c", "same.tar", "c.att"),
                                          ("b", "differs.tar", "b-differs.att")] {
            #expect(await run(["rebuild", "attest", path("release.tar"), "--rebuilt", path(rebuilt), "--provenance", path("prov.json"),
                               "--key", path("\(rebuilder).key"), "-o", path(out)]) == 0)
        }
        // The attestation: subject = the release, predicate = inputs from the provenance and the verdict.
        let envelope = try DSSEEnvelope(parsing: Data(contentsOf: URL(fileURLWithPath: path("b-differs.att"))))
        let statement = try InTotoStatement(parsing: envelope.payload)
        #expect(statement.predicateType == "https://tollgate.dev/attestations/rebuild/v1")
        let release = try FileDigester().digest(path: path("release.tar"))
        #expect(statement.subjects.first?.digest["sha256"] == release.hex)
        #expect(statement.predicate["match"] == .bool(false))
        #expect(statement.predicate["inputs"]?["source"]?["commit"] == .string("ebff8dfbd609b7b22237c7719ce07f2dc7934f5f"))
        #expect(statement.predicate["inputs"]?["builderID"] == .string("https://ci.acme.example/builder"))
        #expect(statement.predicate["rebuilder"]?["id"] == .string("key:\(try keyID("b"))"))

        let policy = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: reproducible }
            artifact:
              reproducible: { rebuilders: { keys: [\(try keyID("a")), \(try keyID("b"))] }, threshold: 2 }
            """
        try Data(policy.utf8).write(to: URL(fileURLWithPath: path("policy.yaml")))
        let keys = ["a", "b", "c", "release"].flatMap { ["--key", path("\($0).pub")] }
        func verify(_ attestations: [String], _ report: String) async -> Int32 {
            await run(["verify", path("release.tar"), "--policy", path("policy.yaml"), "--no-sidecar", "--data", path("data"),
                       "--format", "json", "-o", path(report)] + keys + attestations.flatMap { ["--attestation", path($0)] })
        }
        func finding(_ report: String) throws -> [String: Any] {
            let rules = try #require(try json(report)["rules"] as? [[String: Any]])
            return try #require(rules.first { $0["rule"] as? String == "artifact.reproducible" })
        }

        #expect(await verify([], "none.json") == 1)
        #expect(try finding("none.json")["actual"] as? String == "no matching rebuild attestation from a trusted rebuilder")

        #expect(await verify(["c.att"], "untrusted.json") == 1)
        let untrusted = try finding("untrusted.json")["actual"] as? String ?? ""
        #expect(untrusted.contains("key \(try keyID("c")), who is not a trusted rebuild signer (artifact.reproducible.rebuilders"), "\(untrusted)")

        #expect(await verify(["a.att", "b-differs.att"], "mismatch.json") == 1)
        let mismatch = try finding("mismatch.json")
        #expect((mismatch["actual"] as? String)?.contains("1 trusted rebuild differs") == true)
        #expect((mismatch["actual"] as? String)?.contains("src/a.txt [modification-time]") == true, "\(mismatch)")
        // A mismatch denies even when the threshold is otherwise met.
        #expect(await verify(["a.att", "b.att", "b-differs.att"], "mixed.json") == 1)

        #expect(await verify(["a.att", "c.att"], "one.json") == 1)
        #expect(await verify(["a.att", "b.att", "c.att"], "met.json") == 0)
        #expect(try finding("met.json")["result"] as? String == "pass")
        // `review` names each trusted rebuild in its traceability answer.
        #expect(await run(["review", path("release.tar"), "--policy", path("policy.yaml"), "--no-sidecar", "--format", "json", "-o", path("review.json")] + keys
                          + ["a.att", "b-differs.att"].flatMap { ["--attestation", path($0)] }) == 0)
        let items = try #require(try json("review.json")["items"] as? [[String: Any]])
        let traced = (items.first { $0["id"] as? String == "traced" }?["evidence"] as? [String]) ?? []
        let (keyA, keyB) = (try keyID("a"), try keyID("b"))
        #expect(traced.contains { $0.hasPrefix("rebuild by key \(keyA) from commit ebff8dfbd609b7b22237c7719ce07f2dc7934f5f: same bytes") }, "\(traced)")
        #expect(traced.contains { $0.hasPrefix("rebuild by key \(keyB) from commit ebff8dfbd609b7b22237c7719ce07f2dc7934f5f: differ") }, "\(traced)")

        // Recorded like other evidence: the rebuild statements are stored by digest; `integrity check`
        // re-hashes them against the ledger, and an edited stored document is drift.
        #expect(await run(["ledger", "init", "--data", path("data")]) == 0)
        #expect(await run(["verify", path("release.tar"), "--policy", path("policy.yaml"), "--no-sidecar", "--data", path("data"),
                           "--record", "-o", path("recorded.decision")] + keys
                          + ["a.att", "b.att", "c.att"].flatMap { ["--attestation", path($0)] }) == 0)
        #expect(await run(["integrity", "check", "--data", path("data"), "--format", "json", "-o", path("intact.json")]) == 0)
        let intact = try json("intact.json")
        #expect(intact["documents"] as? Int == 2, "\(intact)")
        let stored = DigestAlgorithm.sha256.hash(try readEnvelope(path("a.att")).payload).description
        try shell("sqlite3 data/ledger.sqlite \"UPDATE ledger_blob SET data = X'7B7D' WHERE digest = '\(stored)'\"")
        #expect(await run(["integrity", "check", "--data", path("data"), "--format", "json", "-o", path("drift.json")]) == 1)
        let drift = try #require(try json("drift.json")["drift"] as? [[String: Any]])
        #expect(drift.map { $0["digest"] as? String } == [stored])
        #expect((drift.first?["problem"] as? String)?.contains("changed after it was recorded: it now hashes to \(DigestAlgorithm.sha256.hash(Array("{}".utf8)))") == true)
    }

    @Test("provenance generate records versioned inputs; build.recordedInputs denies provenance without them")
    func recordedInputs() async throws {
        #expect(await run(["key", "generate", "--output-prefix", path("builder"), "--unsafe-unencrypted"]) == 0)
        // A source tree with a real Cargo.lock (the SBOM tests' fixture).
        let lockfile = TollgateProcess.root.appendingPathComponent("Tests/TollgateSBOMTests/Fixtures/lockfiles/cargolock/many-packages.lock")
        try FileManager.default.createDirectory(atPath: path("tree/app"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: lockfile.path, toPath: path("tree/app/Cargo.lock"))
        let common = ["provenance", "generate", "--subject", path("release.tar"), "--key", path("builder.key"),
                      "--repository", "https://github.com/acme/app", "--commit", "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f",
                      "--builder-id", "https://ci.acme.example/builder"]
        #expect(await run(common + ["--record-inputs", "--source", path("tree"), "--toolchain", "rustc=1.95.0",
                                    "--base-image", "docker.io/library/rust@sha256:" + String(repeating: "ab", count: 32),
                                    "-o", path("recorded.json")]) == 0)
        #expect(await run(common + ["-o", path("bare.json")]) == 0)
        #expect(await run(common + ["--toolchain", "rustc", "-o", path("bad.json")]) == 2)

        let envelope = try DSSEEnvelope(parsing: Data(contentsOf: URL(fileURLWithPath: path("recorded.json"))))
        let recorded = try #require(try InTotoStatement(parsing: envelope.payload).predicate["buildDefinition"]?["internalParameters"]?["recordedInputs"])
        #expect(recorded["toolchains"]?["rustc"] == .string("1.95.0"))
        let lockDigest = try FileDigester().digest(path: lockfile.path).description
        #expect(recorded["lockfiles"] == .array([.object(["path": .string("app/Cargo.lock"), "digest": .string(lockDigest)])]))
        #expect(recorded["baseImages"]?[0] == .string("docker.io/library/rust@sha256:" + String(repeating: "ab", count: 32)))

        let policy = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: inputs }
            build: { recordedInputs: true }
            artifact:
              provenance: { required: true, signers: { keys: [\(try keyID("builder"))] } }
            """
        try Data(policy.utf8).write(to: URL(fileURLWithPath: path("inputs.yaml")))
        func verify(_ provenance: String) async -> Int32 {
            await run(["verify", path("release.tar"), "--policy", path("inputs.yaml"), "--no-sidecar", "--key", path("builder.pub"),
                       "--attestation", path(provenance), "--format", "json", "-o", path("\(provenance).decision")])
        }
        #expect(await verify("recorded.json") == 0)
        #expect(await verify("bare.json") == 1)
        let rules = try #require(try json("bare.json.decision")["rules"] as? [[String: Any]])
        let finding = try #require(rules.first { $0["rule"] as? String == "build.recordedInputs" })
        #expect((finding["actual"] as? String)?.hasSuffix("does not record toolchain versions or lockfile digests") == true, "\(finding)")
    }
}
