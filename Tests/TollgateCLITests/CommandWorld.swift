import Foundation
import TollgateModel

/// One directory with everything the command tests need, made once with the binary itself: keys,
/// a signed artifact, an attestation, provenance, an SBOM, a ledger with entries, an advisory
/// database, policies that allow and deny, proofs and receipts that verify and ones that do not.
struct CommandWorld: Sendable {
    let dir: URL

    static let identity = "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main"
    static let issuer = "https://token.actions.githubusercontent.com"
    static let commit = "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f"

    /// Made on first use, shared by every test in this target.
    static let shared: Result<CommandWorld, WorldError> = Result { try CommandWorld() }.mapError { WorldError(description: "\($0)") }

    struct WorldError: Error, CustomStringConvertible {
        let description: String
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// A new empty directory (for commands that create state: ledger init, key generate, db import).
    static func freshDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `tollgate` in the world; `{new}` in an argument becomes a new empty directory, and
    /// `{token-id}` the id of the API token the world created.
    func run(_ arguments: [String]) throws -> TollgateProcess.Result {
        var fresh: URL?
        let tokenID = try? JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("token.json"))) as? [String: Any]
        let expanded = try arguments.map { argument -> String in
            let argument = argument.replacingOccurrences(of: "{token-id}", with: tokenID?["id"] as? String ?? "")
            guard argument.contains("{new}") else { return argument }
            if fresh == nil { fresh = try Self.freshDirectory() }
            return argument.replacingOccurrences(of: "{new}", with: fresh!.path)
        }
        defer { if let fresh { try? FileManager.default.removeItem(at: fresh) } }
        return try TollgateProcess.run(expanded, in: dir)
    }

    private init() throws {
        dir = try Self.freshDirectory()
        let examples = TollgateProcess.root.appendingPathComponent("examples").path
        let gate = TollgateProcess.root.appendingPathComponent("Tests/TollgateCLITests/Fixtures/gate")
        try write("release artifact\n", "a.txt")
        try write("another artifact\n", "b.txt")
        try write(#"{"builder":{"id":"https://example.com/ci"}}"#, "pred.json")
        try write("{\"truncated\": ", "bad.json")
        try write("apiVersion: example.com/v9\n", "invalid.yaml")
        for name in ["a.txt", "happy-path-v0.3.sigstore.json", "trusted_root.production.json"] {
            try FileManager.default.copyItem(at: gate.appendingPathComponent(name),
                                            to: dir.appendingPathComponent(name == "a.txt" ? "bundle-a.txt" : name))
        }
        try must(["key", "generate", "--output-prefix", "k", "--unsafe-unencrypted"])
        try must(["key", "generate", "--output-prefix", "other", "--unsafe-unencrypted"])
        try must(["sign", "a.txt", "--key", "k.key", "--signature-output", "a.sig"])
        try must(["attest", "a.txt", "--predicate-type", "https://example.com/p", "--predicate", "pred.json",
                  "--key", "k.key", "--output", "a.intoto.json"])
        try must(["provenance", "generate", "--subject", "a.txt", "--key", "k.key", "--repository", "https://github.com/acme/app",
                  "--commit", Self.commit, "--ref", "refs/tags/v1.0.0",
                  "--builder-id", "https://github.com/actions/runner/github-hosted", "--output", "a.prov.json"])
        try must(["sbom", "generate", examples + "/project", "--output", "sbom.cdx.json"])
        try must(["ledger", "init"])
        try must(["ledger", "init", "--data", path("data2"), "--origin", "example.com/other"])
        try must(["token", "create", "--role", "reader", "--name", "world", "--format", "json", "--output", "token.json"])
        try must(["db", "import", examples + "/osv"])
        try write("", "empty-requirements.txt")
        try write("widget>=1.0\n", "unpinned-requirements.txt")
        // npm projects for `tollgate npm ci`: one with no dependencies, one whose dependency is unsigned.
        let install = TollgateProcess.root.appendingPathComponent("Tests/TollgateCLITests/Fixtures/install")
        for (name, lock) in [("npm-empty", nil), ("npm-denied", "npm-lock-unsigned.json")] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(name), withIntermediateDirectories: true)
            try write(#"{"name": "app", "version": "1.0.0"}"#, "\(name)/package.json")
            if let lock {
                try FileManager.default.copyItem(at: install.appendingPathComponent(lock), to: dir.appendingPathComponent("\(name)/package-lock.json"))
            } else {
                try write(#"{"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": {"": {"name": "app", "version": "1.0.0"}}}"#,
                          "\(name)/package-lock.json")
            }
        }
        try must(["ledger", "append", "--kind", "note", "--payload", #"{"m":1}"#])
        try must(["ledger", "append", "--kind", "note", "--payload", #"{"m":2}"#])
        try must(["ledger", "prove-inclusion", "0", "--size", "2", "--format", "json", "--output", "proof.json"])
        let proof = try String(contentsOfFile: path("proof.json"), encoding: .utf8)
        try write(proof.replacingOccurrences(of: #""leafIdx" : 0"#, with: #""leafIdx" : 1"#), "proof-bad.json")
        try must(["ledger", "checkpoint", "--output", "checkpoint.txt"])
        try must(["ledger", "receipt", "0", "--output", "receipt.json"])
        for name in ["rot1", "rot2", "rev"] { try must(["key", "generate", "--output-prefix", name, "--unsafe-unencrypted"]) }
        try must(["key", "register", "--key", "rot1.pub", "--owner", "release@acme.example", "--purpose", "artifact-signing", "--reason", "release key"])
        try must(["key", "register", "--key", "rev.pub", "--owner", "sbom@acme.example", "--purpose", "sbom-signing", "--reason", "sbom key"])
        try must(["trust", "init", "--data", path("trust-data"), "--repository", CommandCases.tufRepository,
                  "--root", CommandCases.tufRepository + "/initial_root.json"])
        // data3: an inventory with complete data (a.txt with its SBOM, deployed by digest); data5: one
        // deployment without a digest, so its data is incomplete.
        try must(["ledger", "init", "--data", path("data3"), "--origin", "example.com/inventory"])
        try must(["inventory", "import-sbom", "sbom.cdx.json", "--artifact", CommandCases.artifactA, "--data", path("data3")])
        try write(#"{"environment":"production","cluster":"eu-1","service":"a","image":"registry.example/a@\#(CommandCases.artifactA)"}"# + "\n", "deploys.jsonl")
        try write("{\"environment\":\"production\"}\n", "bad-deploys.jsonl")
        try must(["ledger", "init", "--data", path("data5"), "--origin", "example.com/incomplete"])
        try must(["deploy", "record", "--environment", "staging", "--image", "registry.example/unknown:1.0", "--data", path("data5")])

        let keyID = try PublicKey(pem: String(contentsOfFile: path("k.pub"), encoding: .utf8)).keyID
        let otherID = try PublicKey(pem: String(contentsOfFile: path("other.pub"), encoding: .utf8)).keyID
        let policy = "apiVersion: tollgate.dev/v1\nkind: Policy\nmetadata: { name: cli-test }\nartifact:\n  signature: { keys: [KEY] }\n"
        try write(policy.replacingOccurrences(of: "KEY", with: keyID), "allow.yaml")
        try write(policy.replacingOccurrences(of: "KEY", with: otherID), "deny.yaml")
        let failing = dir.appendingPathComponent("policy-fail")
        try FileManager.default.createDirectory(at: failing, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: examples + "/policy/policy.yaml", toPath: failing.appendingPathComponent("policy.yaml").path)
        let fixture = try String(contentsOfFile: examples + "/policy/release.test.yaml", encoding: .utf8)
        guard let first = fixture.range(of: "decision: allow") else { throw WorldError(description: "release.test.yaml changed") }
        try write(fixture.replacingCharacters(in: first, with: "decision: deny"), "policy-fail/release.test.yaml")
    }

    private func write(_ text: String, _ name: String) throws {
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
    }

    private func must(_ arguments: [String]) throws {
        let result = try TollgateProcess.run(arguments, in: dir)
        guard result.status == 0 else {
            throw WorldError(description: "setup: tollgate \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
    }
}
