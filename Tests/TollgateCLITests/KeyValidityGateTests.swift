import Foundation
import Testing
import TollgateModel

/// Registered keys are judged at signing time (issue #20): `tollgate key register|revoke`, then
/// `tollgate verify` through the built binary. A signature made before a revocation still counts
/// when a trusted timestamp shows it; one with no trusted time is judged at decision time, or not
/// at all under `settings.unknownSigningTime: deny`.
@Suite("Registered keys count only inside their validity at signing time (CLI)", .serialized)
struct KeyValidityGateTests {
    static let fixtures = TollgateProcess.root.appendingPathComponent("Tests/TollgateCLITests/Fixtures")

    struct World {
        let dir: URL
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

        @discardableResult
        func tollgate(_ arguments: [String], expect status: Int32 = 0) throws -> String {
            let result = try TollgateProcess.run(arguments, in: dir)
            if result.status != status {
                Issue.record("tollgate \(arguments.joined(separator: " ")) exited \(result.status), expected \(status): \(result.stderr)")
            }
            return result.text
        }

        /// `verify` with a policy trusting `keyID` for artifact signatures; the exit status, the
        /// artifact.signature result and the evidence problems' codes and messages.
        func verify(_ arguments: [String], keyID: String, settings: String = "") throws -> (Int32, String?, [(String, String)]) {
            try Data("""
            apiVersion: tollgate.dev/v1
            kind: Policy
            metadata: { name: keys }
            artifact:
              signature: { keys: [\(keyID)] }
            \(settings)
            """.utf8).write(to: dir.appendingPathComponent("policy.yaml"))
            let result = try TollgateProcess.run(["verify"] + arguments + ["--policy", "policy.yaml", "--no-sidecar", "--format", "json"], in: dir)
            let object = (try? JSONSerialization.jsonObject(with: Data(result.text.utf8))) as? [String: Any] ?? [:]
            let rules = object["rules"] as? [[String: Any]] ?? []
            let signature = rules.first { $0["rule"] as? String == "artifact.signature" }?["result"] as? String
            let problems = ((object["evidence"] as? [String: Any])?["problems"] as? [[String: Any]] ?? object["problems"] as? [[String: Any]] ?? [])
                .map { ($0["code"] as? String ?? "", $0["message"] as? String ?? "") }
            if object.isEmpty { Issue.record("verify printed no decision (exit \(result.status)): \(result.text) \(result.stderr)") }
            return (result.status, signature, problems)
        }
    }

    static func world() throws -> World {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-keyvalidity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let world = World(dir: dir)
        try world.tollgate(["ledger", "init", "--data", world.path("data")])
        return world
    }

    @Test("a raw signature has no trusted time: judged at decision time by default, refused under unknownSigningTime: deny")
    func rawSignature() throws {
        let world = try Self.world()
        try world.tollgate(["key", "generate", "--output-prefix", "release", "--unsafe-unencrypted"])
        let keyID = try PublicKey(pem: String(contentsOf: URL(fileURLWithPath: world.path("release.pub")), encoding: .utf8)).keyID
        try Data("acme app 1.0.0\n".utf8).write(to: URL(fileURLWithPath: world.path("app.tar")))
        let signature = try world.tollgate(["sign", "app.tar", "--key", "release.key"])
        try Data(signature.utf8).write(to: URL(fileURLWithPath: world.path("app.sig")))
        let flags = ["app.tar", "--signature", "app.sig", "--key", "release.pub"]

        // Not registered: the policy's key list alone decides, as before.
        #expect(try world.verify(flags, keyID: keyID).1 == "pass")
        try world.tollgate(["key", "register", "--key", "release.pub", "--owner", "release-team", "--purpose", "artifact-signing",
                            "--reason", "release key", "--valid-from", "2020-01-01"])
        let valid = try world.verify(flags, keyID: keyID)
        #expect(valid.0 == 0)
        #expect(valid.1 == "pass")

        let strict = try world.verify(flags, keyID: keyID, settings: "settings: { unknownSigningTime: deny }")
        #expect(strict.0 == 1)
        #expect(strict.1 == "fail")
        #expect(strict.2.contains { $0.0 == "evidence.key-not-valid" && $0.1.contains("unknownSigningTime: deny") })

        try world.tollgate(["key", "revoke", keyID, "--reason", "laptop stolen"])
        let revoked = try world.verify(flags, keyID: keyID)
        #expect(revoked.0 == 1)
        #expect(revoked.1 == "fail")
        #expect(revoked.2.contains { $0.0 == "evidence.key-not-valid" && $0.1.contains("was revoked") })
    }

    @Test("a key-signed bundle is judged at its transparency-log time: valid before a later revocation, refused before the key's window")
    func timestampedBundle() throws {
        let world = try Self.world()
        let keys = Self.fixtures.appendingPathComponent("keys")
        let gate = Self.fixtures.appendingPathComponent("gate")
        for (from, to) in [(keys.appendingPathComponent("managed-key-happy-path.sigstore.json"), "bundle.json"),
                           (keys.appendingPathComponent("managed-key-happy-path.pub"), "key.pub"),
                           (gate.appendingPathComponent("a.txt"), "a.txt"),
                           (gate.appendingPathComponent("trusted_root.production.json"), "trusted_root.json")] {
            try FileManager.default.copyItem(at: from, to: world.dir.appendingPathComponent(to))
        }
        let keyID = try PublicKey(pem: String(contentsOf: URL(fileURLWithPath: world.path("key.pub")), encoding: .utf8)).keyID
        let flags = ["a.txt", "--bundle", "bundle.json", "--key", "key.pub", "--trusted-root", "trusted_root.json"]

        // Registered from 2025-01-01 and revoked today: the Rekor time (2025-12-18) is inside the window.
        try world.tollgate(["key", "register", "--key", "key.pub", "--owner", "conformance", "--purpose", "artifact-signing",
                            "--reason", "test", "--valid-from", "2025-01-01"])
        try world.tollgate(["key", "revoke", keyID, "--reason", "rotated out"])
        let before = try world.verify(flags, keyID: keyID, settings: "settings: { unknownSigningTime: deny }")
        #expect(before.0 == 0)
        #expect(before.1 == "pass")
        #expect(!before.2.contains { $0.0 == "evidence.key-not-valid" })

        // Registered from 2026-01-01 in another data directory: the signature predates the key's window.
        try FileManager.default.removeItem(atPath: world.path("data"))
        try world.tollgate(["ledger", "init", "--data", world.path("data")])
        try world.tollgate(["key", "register", "--key", "key.pub", "--owner", "conformance", "--purpose", "artifact-signing",
                            "--reason", "test", "--valid-from", "2026-01-01"])
        let early = try world.verify(flags, keyID: keyID)
        #expect(early.0 == 1)
        #expect(early.1 == "fail")
        #expect(early.2.contains { $0.0 == "evidence.key-not-valid" && $0.1.contains("before the key's validity began") && $0.1.contains("2025-12-18") })
    }

    @Test("key review: age, last use from recorded evidence, pending expiry, and the rotation period of the policy or --max-age")
    func review() throws {
        let world = try Self.world()
        for name in ["old", "new", "idle"] {
            try world.tollgate(["key", "generate", "--output-prefix", name, "--unsafe-unencrypted"])
        }
        let old = try PublicKey(pem: String(contentsOf: URL(fileURLWithPath: world.path("old.pub")), encoding: .utf8)).keyID
        let new = try PublicKey(pem: String(contentsOf: URL(fileURLWithPath: world.path("new.pub")), encoding: .utf8)).keyID
        let idle = try PublicKey(pem: String(contentsOf: URL(fileURLWithPath: world.path("idle.pub")), encoding: .utf8)).keyID
        try world.tollgate(["key", "register", "--key", "old.pub", "--owner", "release-team", "--purpose", "artifact-signing",
                            "--reason", "2020 key", "--valid-from", "2020-01-01"])
        let soon = Date().addingTimeInterval(10 * 86_400).formatted(Date.ISO8601FormatStyle())
        try world.tollgate(["key", "register", "--key", "new.pub", "--owner", "sbom-team", "--purpose", "sbom-signing",
                            "--reason", "short-lived", "--valid-until", soon])
        try world.tollgate(["key", "register", "--key", "idle.pub", "--owner", "ops", "--purpose", "ledger-checkpoints",
                            "--reason", "spare", "--valid-from", "2026-01-01"])
        try Data("acme app 1.0.0\n".utf8).write(to: URL(fileURLWithPath: world.path("app.tar")))
        try Data(try world.tollgate(["sign", "app.tar", "--key", "old.key"]).utf8).write(to: URL(fileURLWithPath: world.path("app.sig")))
        let decision = try world.verify(["app.tar", "--signature", "app.sig", "--key", "old.pub", "--record"], keyID: old)
        #expect(decision.0 == 0)

        func review(_ arguments: [String]) throws -> (Int32, [String: [String: Any]]) {
            let result = try TollgateProcess.run(["key", "review", "--format", "json"] + arguments, in: world.dir)
            let object = (try? JSONSerialization.jsonObject(with: Data(result.text.utf8))) as? [String: Any] ?? [:]
            var keys: [String: [String: Any]] = [:]
            for key in object["keys"] as? [[String: Any]] ?? [] { keys[key["keyID"] as? String ?? ""] = key }
            if keys.isEmpty { Issue.record("key review printed no keys (exit \(result.status)): \(result.text) \(result.stderr)") }
            return (result.status, keys)
        }
        let yearly = try review(["--max-age", "365d"])
        #expect(yearly.0 == 1)
        let oldFlags = yearly.1[old]?["flags"] as? [String] ?? []
        #expect(oldFlags.contains { $0.contains("not rotated within 365d") })
        #expect(!oldFlags.contains { $0.contains("never used") })
        #expect(yearly.1[old]?["lastUsed"] != nil)
        #expect((yearly.1[old]?["ageDays"] as? Int ?? 0) > 2000)
        let newFlags = yearly.1[new]?["flags"] as? [String] ?? []
        #expect(newFlags.contains { $0.contains("validity ends within 30d") })
        #expect(!newFlags.contains { $0.contains("never used") })
        #expect(yearly.1[new]?["expiresInDays"] as? Int == 9)
        #expect((yearly.1[idle]?["flags"] as? [String] ?? []).contains { $0.contains("never used") })

        // The policy's rotation period; a short expiry window leaves only the never-used key flagged.
        try Data("""
        apiVersion: tollgate.dev/v1
        kind: Policy
        metadata: { name: keys }
        settings: { maxKeyAge: 5000d }
        """.utf8).write(to: URL(fileURLWithPath: world.path("rotation.yaml")))
        let lenient = try review(["--policy", "rotation.yaml", "--expiring", "1d"])
        #expect(lenient.0 == 1)
        #expect((lenient.1[old]?["flags"] as? [String])?.isEmpty == true)
        #expect((lenient.1[new]?["flags"] as? [String])?.isEmpty == true)
        #expect((lenient.1[idle]?["flags"] as? [String] ?? []).first?.hasPrefix("never used to sign recorded evidence") == true)
        try world.tollgate(["key", "revoke", idle, "--reason", "not needed"])
        #expect(try review(["--policy", "rotation.yaml", "--expiring", "1d"]).0 == 0)
    }
}
