import Foundation
import Testing
import TollgateModel

/// `tollgate audit --attest --keyless` through the built binary against the test Sigstore deployment on
/// loopback (as `KeylessSigningTests`): the source-audit statement about the checkout's commit is signed
/// through Fulcio and Rekor into a v0.3 DSSE bundle, and `tollgate verify --source-audit` counts it for the
/// five source-audit rules only when its Sigstore identity is one `source.auditors` names and it is about
/// the provenance's source commit.
@Suite("audit --attest --keyless: a Sigstore source audit the gate trusts by identity", .serialized)
struct AuditKeylessAttestTests {
    static let auditRules = ["source.branchProtection", "source.workflowOwners", "build.oidcCredentials", "build.pinnedActions",
                             "build.untrustedCodeIsolated"]

    static func token(email: String) -> String {
        KeylessSigningTests.token(["iss": .string(KeylessSigningTests.issuer), "sub": .string("user-\(email.count)"), "email": .string(email),
                                   "aud": "sigstore", "exp": .integer(Int64(Date().timeIntervalSince1970) + 600)])
    }

    /// The world's directory made a checkout: `tollgate init github`, the recommended settings, one commit; a
    /// release key and provenance for dist/app.tar.gz built from that commit. Returns the commit.
    static func checkout(_ world: KeylessSigningTests.World) async throws -> String {
        let dir = world.dir
        let commit = try ReleaseCheckout.make(in: dir)
        let generated = try await world.run(["key", "generate", "--output-prefix", "release", "--unsafe-unencrypted"])
        try #require(generated.status == 0, "\(generated.stderr)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("dist"), withIntermediateDirectories: true)
        try Data("release artifact\n".utf8).write(to: dir.appendingPathComponent("dist/app.tar.gz"))
        let provenance = try await world.run(["provenance", "generate", "--subject", "dist/app.tar.gz", "--key", "release.key",
                                              "--repository", "https://github.com/acme/app", "--commit", commit, "--ref", "refs/tags/v1.0.0",
                                              "--workflow", ".github/workflows/release.yml", "--event", "push",
                                              "--builder-id", "https://github.com/actions/runner/github-hosted",
                                              "--output", "dist/app.tar.gz.intoto.json"])
        try #require(provenance.status == 0, "\(provenance.stderr)")
        return commit
    }

    /// A policy trusting `auditor` (a Sigstore identity of the test issuer) for source audits, and the release key for provenance.
    static func policy(_ world: KeylessSigningTests.World, auditor: String) throws {
        let keyID = try PublicKey(pem: String(contentsOf: world.dir.appendingPathComponent("release.pub"), encoding: .utf8)).keyID
        let policy = """
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: keyless-audit }
            source:
              auditors:
                identities:
                  - { issuer: "\(KeylessSigningTests.issuer)", subject: "\(auditor)" }
              branchProtection: { minReviews: 1, codeOwnerReview: true, dismissStale: true }
              workflowOwners: true
            build:
              oidcCredentials: true
              pinnedActions: true
              untrustedCodeIsolated: true
            artifact:
              provenance: { required: true, signers: { keys: ["\(keyID)"] } }
            """
        try Data(policy.utf8).write(to: world.dir.appendingPathComponent("policy.yaml"))
    }

    /// `tollgate audit . --attest --keyless` as `email`, the bundle written to `output`.
    static func attest(_ world: KeylessSigningTests.World, email: String, output: String, extra: [String] = []) async throws -> TollgateProcess.Result {
        try await world.run(["audit", ".", "--attest", "--keyless", "--identity-token", token(email: email),
                             "--fulcio-url", world.server.url, "--rekor-url", world.server.url, "--keyless-trusted-root", "trusted_root.json",
                             "--repository", "git+https://github.com/acme/app", "--attest-output", output, "--fail-on", "critical"] + extra)
    }

    /// The gate's rule results and problems for the source audit in `bundle`.
    static func verify(_ world: KeylessSigningTests.World, bundle: String) async throws -> (Int32, [String: String], [[String: Any]], String) {
        let result = try await world.run(["verify", "dist/app.tar.gz", "--policy", "policy.yaml", "--attestation", "dist/app.tar.gz.intoto.json",
                                          "--source-audit", bundle, "--key", "release.pub", "--trusted-root", "trusted_root.json",
                                          "--no-sidecar", "--format", "json"])
        let decision = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result.stderr)")
        let rules = try #require(decision["rules"] as? [[String: Any]])
        var results: [String: String] = [:]
        var reasons = ""
        for rule in rules {
            guard let name = rule["rule"] as? String else { continue }
            results[name] = rule["result"] as? String
            reasons += "\(name): \(rule["reason"] as? String ?? "")\n"
        }
        return (result.status, results, decision["problems"] as? [[String: Any]] ?? [], reasons)
    }

    @Test("a keyless audit by the trusted identity passes the source-audit rules; another identity or another commit denies")
    func keylessAuditGate() async throws {
        let world = try await KeylessSigningTests.World.make()
        defer { Task { try? await world.server.stop() } }
        let commit = try await Self.checkout(world)
        try Self.policy(world, auditor: KeylessSigningTests.email)

        let attested = try await Self.attest(world, email: KeylessSigningTests.email, output: "source-audit.sigstore.json")
        #expect(attested.status == 0, "\(attested.stderr)\(attested.text)")
        let bundle = try JSONValue.parse(try Data(contentsOf: world.dir.appendingPathComponent("source-audit.sigstore.json")))
        #expect(bundle["mediaType"]?.stringValue == "application/vnd.dev.sigstore.bundle.v0.3+json")
        #expect(bundle["verificationMaterial"]?["tlogEntries"]?[0]?["kindVersion"]?["kind"]?.stringValue == "dsse")
        let statement = try JSONValue.parse(Base64Text.decode(bundle["dsseEnvelope"]?["payload"]?.stringValue ?? "") ?? [])
        #expect(statement["predicateType"]?.stringValue == "https://tollgate.dev/attestations/source-audit/v1")
        #expect(statement["subject"]?[0]?["digest"]?["gitCommit"]?.stringValue == commit, "\(statement)")
        #expect(statement["predicate"]?["facts"]?["pinnedActions"]?.boolValue == true, "\(statement)")

        let (allowed, passed, _, reasons) = try await Self.verify(world, bundle: "source-audit.sigstore.json")
        #expect(allowed == 0, "\(reasons)")
        for rule in Self.auditRules { #expect(passed[rule] == "pass", "\(rule): \(reasons)") }

        // Signed by another identity of the same issuer: verified by Sigstore, not trusted by the policy.
        let stranger = try await Self.attest(world, email: "mallory@tollgate.test", output: "stranger.sigstore.json")
        #expect(stranger.status == 0, "\(stranger.stderr)")
        let (denied, failed, problems, strangerReasons) = try await Self.verify(world, bundle: "stranger.sigstore.json")
        #expect(denied == 1, "\(strangerReasons)")
        for rule in Self.auditRules { #expect(failed[rule] == "fail", "\(rule): \(strangerReasons)") }
        #expect(problems.contains { ($0["code"] as? String) == "evidence.untrusted-signer" && "\($0["message"] ?? "")".contains("mallory@tollgate.test") },
                "\(problems)")

        // By the trusted identity, about another commit: it cannot vouch for the provenance's source commit.
        let other = "0123456789abcdef0123456789abcdef01234567"
        let elsewhere = try await Self.attest(world, email: KeylessSigningTests.email, output: "other.sigstore.json", extra: ["--commit", other])
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        let (otherStatus, otherResults, _, otherReasons) = try await Self.verify(world, bundle: "other.sigstore.json")
        #expect(otherStatus == 1, "\(otherReasons)")
        for rule in Self.auditRules { #expect(otherResults[rule] == "fail", "\(rule): \(otherReasons)") }
        #expect(otherReasons.contains(other), "\(otherReasons)")

        // A trusted bundle whose statement was swapped for another commit's no longer verifies.
        let original = try String(contentsOf: world.dir.appendingPathComponent("source-audit.sigstore.json"), encoding: .utf8)
        let payload = try #require(bundle["dsseEnvelope"]?["payload"]?.stringValue)
        let swapped = String(decoding: try #require(Base64Text.decode(payload)), as: UTF8.self).replacingOccurrences(of: commit, with: other)
        let tampered = original.replacingOccurrences(of: payload, with: Base64Text.encode(Array(swapped.utf8)))
        #expect(tampered != original)
        try Data(tampered.utf8).write(to: world.dir.appendingPathComponent("tampered.sigstore.json"))
        let (tamperedStatus, _, tamperedProblems, tamperedReasons) = try await Self.verify(world, bundle: "tampered.sigstore.json")
        #expect(tamperedStatus == 1, "\(tamperedReasons)")
        #expect(tamperedProblems.contains { ($0["code"] as? String) == "evidence.unverified" && ($0["kind"] as? String) == "source audit" }, "\(tamperedProblems)")
    }

    @Test("--keyless and --key together, --keyless without --attest, or a keyless setting without --keyless: usage, exit 2")
    func usage() async throws {
        let world = try await KeylessSigningTests.World.make()
        defer { Task { try? await world.server.stop() } }
        #expect(try await world.run(["audit", ".", "--attest", "--keyless", "--key", "k.pem"]).status == 2)
        #expect(try await world.run(["audit", ".", "--keyless"]).status == 2)
        #expect(try await world.run(["audit", ".", "--attest", "--key", "k.pem", "--keyless-trusted-root", "trusted_root.json"]).status == 2)
        #expect(try await world.run(["audit", ".", "--attest"]).stderr.contains("--key or --keyless"))
    }
}
