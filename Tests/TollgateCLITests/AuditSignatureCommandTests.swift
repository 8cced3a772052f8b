import Foundation
import Testing

/// `tollgate audit --allowed-signers / --openpgp-keys / --tag` end to end, on a checkout `tollgate init github`
/// wrote, committed and tagged by Git with keys the test makes (ssh-keygen, gpg --quick-gen-key).
@Suite(.serialized) struct AuditSignatureCommandTests {
    struct Checkout {
        let root: URL
        var repo: URL { root.appendingPathComponent("repo") }
        var environment: [String: String] {
            ["HOME": root.path, "GIT_CONFIG_NOSYSTEM": "1", "GNUPGHOME": root.appendingPathComponent("gnupg").path, "LC_ALL": "C"]
        }

        func git(_ arguments: [String]) throws {
            let result = try ExternalTool.run(["git"] + arguments, in: repo, environment: environment)
            guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.output]) }
        }

        /// The paved road committed with an SSH signature and tagged `v1.0.0` with one.
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-auditsig-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("gnupg"), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
            let key = root.appendingPathComponent("id").path
            _ = try ExternalTool.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "release@acme.example", "-f", key])
            let pub = try String(contentsOfFile: key + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
            try Data("release@acme.example namespaces=\"git\" \(pub)\n".utf8).write(to: root.appendingPathComponent("allowed_signers"))
            #expect(try TollgateProcess.run(["init", "github", "--directory", repo.path], in: root).status == 0)
            for command in [["init", "-q"], ["config", "user.name", "Release"], ["config", "user.email", "release@acme.example"],
                            ["config", "gpg.format", "ssh"], ["config", "user.signingkey", key + ".pub"], ["add", "."],
                            ["commit", "-q", "-S", "-m", "paved road"], ["tag", "-s", "v1.0.0", "-m", "v1.0.0"], ["tag", "v1.0.1"]] {
                try git(command)
            }
        }

        func audit(_ arguments: [String]) throws -> TollgateProcess.Result {
            try TollgateProcess.run(["audit", repo.path] + arguments, in: root)
        }

        func rules(_ result: TollgateProcess.Result) throws -> [String] {
            let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            return (report["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
        }
    }

    @Test("an SSH-signed commit and tag by an allowed signer: no finding, exit 0; a lightweight tag: tag-unsigned, exit 1")
    func sshCommitAndTag() throws {
        let checkout = try Checkout()
        defer { try? FileManager.default.removeItem(at: checkout.root) }
        let signers = checkout.root.appendingPathComponent("allowed_signers").path
        let good = try checkout.audit(["--allowed-signers", signers, "--tag", "v1.0.0", "--format", "json"])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try checkout.rules(good).isEmpty)
        let lightweight = try checkout.audit(["--allowed-signers", signers, "--tag", "v1.0.1", "--format", "json"])
        #expect(lightweight.status == 1)
        #expect(try checkout.rules(lightweight) == ["tag-unsigned"])
    }

    @Test("only OpenPGP keys named: the SSH-signed commit is named, not verified (exit 1); a junk key file is exit 3; --tag alone is usage")
    func openPGPOnlyAndErrors() throws {
        let checkout = try Checkout()
        defer { try? FileManager.default.removeItem(at: checkout.root) }
        let gen = try ExternalTool.run(["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key",
                                        "Release <release@acme.example>", "ed25519", "sign", "never"], environment: checkout.environment)
        #expect(gen.status == 0, "\(gen.output)")
        let keys = checkout.root.appendingPathComponent("release.asc")
        let exported = try ExternalTool.run(["gpg", "--armor", "--export", "release@acme.example"], environment: checkout.environment)
        try Data(exported.output.utf8).write(to: keys)
        _ = try? ExternalTool.run(["gpgconf", "--kill", "all"], environment: checkout.environment)
        let result = try checkout.audit(["--openpgp-keys", keys.path, "--format", "json"])
        #expect(result.status == 1)
        #expect(try checkout.rules(result) == ["commit-unsigned"])

        let junk = checkout.root.appendingPathComponent("junk.asc")
        try Data("not a key\n".utf8).write(to: junk)
        let bad = try checkout.audit(["--openpgp-keys", junk.path])
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("audit.invalid-keys"))
        #expect(try checkout.audit(["--tag", "v1.0.0"]).status == 2)
    }

    @Test("a real gitsign commit (sigstore/gitsign test data) in a repository: verified for its identity (exit 0), invalid for another (exit 1)")
    func gitsign() throws {
        let checkout = try Checkout()
        defer { try? FileManager.default.removeItem(at: checkout.root) }
        let fixture = TollgateProcess.root.appendingPathComponent("Tests/TollgateAuditTests/Fixtures/gitsign/offline.commit")
        let written = try ExternalTool.run(["git", "hash-object", "-t", "commit", "-w", "--literally", fixture.path], in: checkout.repo,
                                           environment: checkout.environment)
        let commit = written.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(written.status == 0 && commit.count == 40, "\(written.output)")
        let good = try checkout.audit(["--gitsign-identity", "billy@chainguard.dev", "--gitsign-issuer", "https://accounts.google.com",
                                       "--commit", commit, "--format", "json"])
        #expect(good.status == 0, "\(good.stderr)\(good.text)")
        #expect(try checkout.rules(good).isEmpty)
        let other = try checkout.audit(["--gitsign-identity", "release@acme.example", "--gitsign-issuer", "https://accounts.google.com",
                                        "--commit", commit, "--format", "json"])
        #expect(other.status == 1)
        #expect(try checkout.rules(other) == ["commit-signature-invalid"])
        #expect(try checkout.audit(["--gitsign-identity", "billy@chainguard.dev", "--commit", commit]).status == 2)
    }
}
