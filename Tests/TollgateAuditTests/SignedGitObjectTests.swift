import Foundation
import Testing
import TollgateAudit
import TollgateModel
import TollgateSigstore

/// Signed Git commits and tags verified against the signers named, with Git itself as the oracle.
/// SSH: `git commit -S` / `git tag -s` (gpg.format ssh) sign with `ssh-keygen -Y sign`, `git verify-commit` /
/// `git verify-tag` check with `ssh-keygen -Y verify`. OpenPGP: keys made by `gpg --quick-gen-key` in the
/// test's own GNUPGHOME, objects signed by `git commit -S` / `git tag -s` (gpg.format openpgp), checked by
/// `git verify-commit` / `git verify-tag` with that home; Tollgate must agree with every verdict.
@Suite(.serialized) struct SignedGitObjectTests {
    struct Repo {
        let root: URL
        let format: String
        /// The allowed-signers file (SSH) or the armored public key (OpenPGP).
        let signers: URL
        var repo: URL { root.appendingPathComponent("repo") }
        var gnupgHome: URL { root.appendingPathComponent("gnupg") }

        @discardableResult
        func run(_ arguments: [String], in directory: URL? = nil) throws -> (Int32, String) {
            try ExternalProcess.run(arguments, in: directory ?? root,
                                    environment: ["HOME": root.path, "PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1",
                                                  "GNUPGHOME": gnupgHome.path, "LC_ALL": "C"])
        }

        func must(_ arguments: [String], in directory: URL? = nil) throws {
            let (status, output) = try run(arguments, in: directory)
            guard status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(arguments): \(output)"]) }
        }

        /// A repository with one signed commit and a signed tag `v1.0.0` on it, by a new key: `keyType` is an
        /// ssh-keygen type (ed25519, ecdsa) or `openpgp`. The key is among the signers.
        init(keyType: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-gitsig-\(UUID().uuidString)")
            format = keyType == "openpgp" ? "openpgp" : "ssh"
            signers = root.appendingPathComponent(format == "ssh" ? "allowed_signers" : "release.asc")
            try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: gnupgHome, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let signingKey: String
            if format == "ssh" {
                let key = root.appendingPathComponent("id").path
                try must(["ssh-keygen", "-q", "-t", keyType, "-N", "", "-C", "release@acme.example", "-f", key])
                let pub = try String(contentsOfFile: key + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
                try Data("release@acme.example namespaces=\"git\" \(pub)\n".utf8).write(to: signers)
                signingKey = key + ".pub"
            } else {
                signingKey = try Self.generateOpenPGPKey(self, "Release <release@acme.example>")
                try Data(try run(["gpg", "--armor", "--export", signingKey]).1.utf8).write(to: signers)
            }
            for command in [["git", "init", "-q"], ["git", "config", "user.name", "Release"], ["git", "config", "user.email", "release@acme.example"],
                            ["git", "config", "gpg.format", format], ["git", "config", "user.signingkey", signingKey],
                            ["git", "config", "gpg.ssh.allowedSignersFile", signers.path]] {
                try must(command, in: repo)
            }
            try Data("hello\n".utf8).write(to: repo.appendingPathComponent("README"))
            try must(["git", "add", "README"], in: repo)
            try must(["git", "commit", "-q", "-S", "-m", "signed release"], in: repo)
            try must(["git", "tag", "-s", "v1.0.0", "-m", "release v1.0.0"], in: repo)
        }

        /// A new Ed25519 OpenPGP signing key in the test's GNUPGHOME; returns its fingerprint.
        static func generateOpenPGPKey(_ repo: Repo, _ uid: String) throws -> String {
            try repo.must(["gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key", uid, "ed25519", "sign", "never"])
            let listing = try repo.run(["gpg", "--with-colons", "--list-keys", uid]).1
            guard let fpr = listing.split(separator: "\n").first(where: { $0.hasPrefix("fpr:") })?.split(separator: ":", omittingEmptySubsequences: false)[9] else {
                throw CocoaError(.fileReadUnknown)
            }
            return String(fpr)
        }

        func object(_ kind: SignedGitObject.Kind, _ name: String) throws -> SignedGitObject {
            try SignedGitObject.read(kind, name, in: repo.path)
        }

        func gitVerifies(_ kind: SignedGitObject.Kind, _ name: String) throws -> Bool {
            try run(["git", "verify-\(kind.rawValue)", name], in: repo).0 == 0
        }

        func allowedSigners() throws -> AllowedSigners? {
            format == "ssh" ? AllowedSigners(text: try String(contentsOf: signers, encoding: .utf8)) : nil
        }

        func keyring() throws -> OpenPGPKeyring? {
            format == "openpgp" ? OpenPGPKeyring(keys: Array(try Data(contentsOf: signers)), source: "release.asc") : nil
        }

        func verify(_ object: SignedGitObject) async throws -> SignedGitObject.Verdict {
            try await object.verify(allowedSigners: allowedSigners(), openPGP: keyring())
        }

        func cleanUp() {
            _ = try? run(["gpgconf", "--kill", "all"])
            try? FileManager.default.removeItem(at: root)
        }
    }

    @Test("a commit and a tag signed with an allowed SSH Ed25519 or ECDSA P-256 key verify, as git verify-commit/verify-tag say",
          arguments: ["ed25519", "ecdsa"])
    func sshVerifies(keyType: String) async throws {
        let repo = try Repo(keyType: keyType)
        defer { repo.cleanUp() }
        for kind in [SignedGitObject.Kind.commit, .tag] {
            let name = kind == .commit ? "HEAD" : "v1.0.0"
            #expect(try repo.gitVerifies(kind, name))
            #expect(try await repo.verify(repo.object(kind, name)) == .verified(method: .ssh, signers: ["release@acme.example"]))
        }
        let head = try SignedGitObject.resolve("HEAD", in: repo.repo.path)
        #expect(try repo.object(.tag, "v1.0.0").target == head)
    }

    @Test("a changed commit message, an unknown signer and a wrong namespace fail, as ssh-keygen -Y verify does")
    func sshFailures() async throws {
        let repo = try Repo(keyType: "ed25519")
        defer { repo.cleanUp() }
        let object = Array(try repo.run(["git", "cat-file", "commit", "HEAD"], in: repo.repo).1.utf8)
        let tampered = Array(String(decoding: object, as: UTF8.self).replacingOccurrences(of: "signed release", with: "signed releasf").utf8)
        let signers = try #require(try repo.allowedSigners())
        guard case .invalid = try await SignedGitObject(commit: tampered).verify(allowedSigners: signers) else {
            Issue.record("a tampered commit verified")
            return
        }
        // The oracle: ssh-keygen -Y verify accepts the payload Tollgate split out and refuses the tampered one.
        let good = SignedGitObject(commit: object)
        let payload = repo.root.appendingPathComponent("payload")
        let signature = repo.root.appendingPathComponent("payload.sig")
        try Data((good.signature ?? "").utf8).write(to: signature)
        func oracle(_ bytes: [UInt8]) throws -> Int32 {
            try Data(bytes).write(to: payload)
            return try repo.run(["sh", "-c", "ssh-keygen -Y verify -f '\(repo.signers.path)' -I release@acme.example -n git -s '\(signature.path)' < '\(payload.path)'"]).0
        }
        #expect(try oracle(good.payload) == 0)
        #expect(try oracle(SignedGitObject(commit: tampered).payload) != 0)

        guard case .invalid = try await good.verify(allowedSigners: AllowedSigners(text: "")) else {
            Issue.record("a commit by a key outside the allowed signers verified")
            return
        }
        let otherNamespace = try String(contentsOf: repo.signers, encoding: .utf8).replacingOccurrences(of: "namespaces=\"git\"", with: "namespaces=\"file\"")
        guard case .invalid = try await good.verify(allowedSigners: AllowedSigners(text: otherNamespace)) else {
            Issue.record("a key allowed only for namespace file verified a commit")
            return
        }
        // Without an allowed-signers list an SSH signature is named, not verified.
        #expect(try await good.verify(allowedSigners: nil) == .unsupported(kind: "SSH"))
    }

    @Test("a tag's signed payload is the tag object up to its signature, as ssh-keygen -Y verify accepts it; a changed tag message fails")
    func sshTagPayload() async throws {
        let repo = try Repo(keyType: "ed25519")
        defer { repo.cleanUp() }
        let object = Array(try repo.run(["git", "cat-file", "tag", "v1.0.0"], in: repo.repo).1.utf8)
        let tag = SignedGitObject(tag: object)
        #expect(String(decoding: tag.payload, as: UTF8.self).hasSuffix("release v1.0.0\n"))
        #expect(tag.signature?.hasPrefix("-----BEGIN SSH SIGNATURE-----") == true)
        let payload = repo.root.appendingPathComponent("tag-payload")
        let signature = repo.root.appendingPathComponent("tag.sig")
        try Data(tag.payload).write(to: payload)
        try Data((tag.signature ?? "").utf8).write(to: signature)
        #expect(try repo.run(["sh", "-c", "ssh-keygen -Y verify -f '\(repo.signers.path)' -I release@acme.example -n git -s '\(signature.path)' < '\(payload.path)'"]).0 == 0)
        let moved = Array(String(decoding: object, as: UTF8.self).replacingOccurrences(of: "release v1.0.0", with: "release v1.0.1").utf8)
        guard case .invalid = try await SignedGitObject(tag: moved).verify(allowedSigners: repo.allowedSigners()) else {
            Issue.record("a changed tag message verified")
            return
        }
    }

    @Test("an OpenPGP-signed commit and tag verify against the named key through gpg, as git verify-commit/verify-tag say")
    func openPGPVerifies() async throws {
        let repo = try Repo(keyType: "openpgp")
        defer { repo.cleanUp() }
        for kind in [SignedGitObject.Kind.commit, .tag] {
            let name = kind == .commit ? "HEAD" : "v1.0.0"
            #expect(try repo.gitVerifies(kind, name))
            guard case .verified(let method, let signers) = try await repo.verify(repo.object(kind, name)) else {
                Issue.record("an OpenPGP-signed \(kind) did not verify")
                continue
            }
            #expect(method == .openPGP)
            #expect(signers.count == 1 && signers[0].hasSuffix("Release <release@acme.example>"))
        }
    }

    @Test("OpenPGP: a tampered commit, a key the policy does not name, and no key list at all do not verify")
    func openPGPFailures() async throws {
        let repo = try Repo(keyType: "openpgp")
        defer { repo.cleanUp() }
        let object = Array(try repo.run(["git", "cat-file", "commit", "HEAD"], in: repo.repo).1.utf8)
        let tampered = SignedGitObject(commit: Array(String(decoding: object, as: UTF8.self).replacingOccurrences(of: "signed release", with: "signed releasf").utf8))
        // The oracle refuses the same bytes.
        let payload = repo.root.appendingPathComponent("payload")
        let signature = repo.root.appendingPathComponent("payload.asc")
        try Data(tampered.payload).write(to: payload)
        try Data((tampered.signature ?? "").utf8).write(to: signature)
        #expect(try repo.run(["gpg", "--verify", signature.path, payload.path]).0 != 0)
        guard case .invalid(let reason) = try await repo.verify(tampered) else {
            Issue.record("a tampered OpenPGP-signed commit verified")
            return
        }
        #expect(reason.contains("does not verify"))

        // Another key, valid in the signer's own keyring (gpg there says good), but not the one the policy names.
        let other = try Repo.generateOpenPGPKey(repo, "Mallory <mallory@example.net>")
        let otherKey = Array(try repo.run(["gpg", "--armor", "--export", other]).1.utf8)
        let good = SignedGitObject(commit: object)
        guard case .invalid(let notNamed) = try await good.verify(allowedSigners: nil, openPGP: OpenPGPKeyring(keys: otherKey, source: "mallory.asc")) else {
            Issue.record("a commit verified against a key that did not sign it")
            return
        }
        #expect(notNamed.contains("not in mallory.asc"))
        #expect(try await good.verify(allowedSigners: nil) == .unsupported(kind: "OpenPGP"))
        await #expect(throws: AuditError.self) { try await good.verify(allowedSigners: nil, openPGP: OpenPGPKeyring(keys: Array("not a key".utf8), source: "junk.asc")) }
    }

    @Test("a lightweight tag is an unsigned tag; the audit finds it, and a tag-unsigned finding names it")
    func lightweightTag() async throws {
        let repo = try Repo(keyType: "ed25519")
        defer { repo.cleanUp() }
        try repo.must(["git", "tag", "v1.0.1"], in: repo.repo)
        let tag = try repo.object(.tag, "v1.0.1")
        #expect(tag.target == (try SignedGitObject.resolve("HEAD", in: repo.repo.path)))
        #expect(try await repo.verify(tag) == .unsigned)
        let finding = try #require(SignedGitObject.finding(.unsigned, kind: .tag, name: "v1.0.1", signers: ["allowed_signers"]))
        #expect(finding.rule == .tagUnsigned && finding.severity == .high && finding.message == "tag v1.0.1 is not signed")
        #expect(throws: AuditError.self) { try repo.object(.tag, "v9.9.9") }
    }

    @Test("a real gitsign commit (sigstore/gitsign test data) is named, not verified, without a gitsign identity; its payload is exactly what gitsign signed")
    func gitsignCommit() async throws {
        let object = try AuditFixture.bytes("gitsign/offline.commit")
        let commit = SignedGitObject(commit: object)
        #expect(try await commit.verify(allowedSigners: AllowedSigners(text: "")) == .unsupported(kind: "X.509 (gitsign or S/MIME)"))
        // The CMS signed attribute messageDigest of that signature (openssl cms -cmsout -print) is the SHA-256 of
        // the signed payload: the payload split out here must hash to it.
        #expect(DigestAlgorithm.sha256.hash(commit.payload).hex == "554b955325d0d01efc05a64c1968d4bb2eb951274e7a97bda82ef5ad7e512679")
        // And OpenSSL itself checks the CMS signature over it (the signature only: the Fulcio chain is not its question).
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-gitsign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pem = try #require(commit.signature).replacingOccurrences(of: "SIGNED MESSAGE", with: "PKCS7") + "\n"
        try Data(pem.utf8).write(to: directory.appendingPathComponent("signature.pem"))
        func openssl(_ payload: [UInt8]) throws -> Int32 {
            try Data(payload).write(to: directory.appendingPathComponent("payload"))
            return try ExternalProcess.run(["openssl", "cms", "-verify", "-binary", "-inform", "PEM", "-in", "signature.pem",
                                            "-content", "payload", "-noverify", "-out", "/dev/null"], in: directory).status
        }
        #expect(try openssl(commit.payload) == 0)
        #expect(try openssl(Array(String(decoding: commit.payload, as: UTF8.self).replacingOccurrences(of: "12:11:17", with: "12:11:18").utf8)) != 0)
    }

    static let gitsignSigned = Date(timeIntervalSince1970: 1_685_981_480)

    static func gitsignVerifier(subject: String, issuer: String) throws -> GitsignVerifier {
        GitsignVerifier(trustedRoot: try TrustedRoot.publicGoodProduction(),
                        identity: try IdentityPolicy.certificate(subject: subject, issuer: issuer), now: { gitsignSigned.addingTimeInterval(86_400) })
    }

    @Test("a real gitsign commit verifies through TollgateSigstore: Fulcio chain, SCT, Rekor entry and proof, signature, identity")
    func gitsignVerifies() async throws {
        let commit = SignedGitObject(commit: try AuditFixture.bytes("gitsign/offline.commit"))
        let verifier = try Self.gitsignVerifier(subject: "billy@chainguard.dev", issuer: "https://accounts.google.com")
        #expect(try await commit.verify(allowedSigners: nil, gitsign: verifier)
                == .verified(method: .gitsign, signers: ["billy@chainguard.dev (https://accounts.google.com)"]))
    }

    @Test("gitsign: another identity, another issuer, a changed commit and a changed Rekor entry do not verify")
    func gitsignFailures() async throws {
        let object = try AuditFixture.bytes("gitsign/offline.commit")
        let commit = SignedGitObject(commit: object)
        for (subject, issuer) in [("mallory@example.net", "https://accounts.google.com"), ("billy@chainguard.dev", "https://github.com/login/oauth")] {
            guard case .invalid = try await commit.verify(allowedSigners: nil, gitsign: Self.gitsignVerifier(subject: subject, issuer: issuer)) else {
                Issue.record("verified for \(subject) \(issuer)")
                continue
            }
        }
        let verifier = try Self.gitsignVerifier(subject: "billy@chainguard.dev", issuer: "https://accounts.google.com")
        let changed = SignedGitObject(commit: Array(String(decoding: object, as: UTF8.self).replacingOccurrences(of: "12:11:17", with: "12:11:18").utf8))
        guard case .invalid(let reason) = try await changed.verify(allowedSigners: nil, gitsign: verifier) else {
            Issue.record("a changed commit verified")
            return
        }
        #expect(reason.contains("messageDigest"))
        // One byte of the Rekor entry's integrated time changed: the signed entry timestamp no longer covers it.
        let original = String(decoding: object, as: UTF8.self)
        let text = original.replacingOccurrences(of: " ZWRyZWtvcmQSBTAuMC4xIKiS+KMGKkgKRjBEAiA2urRGPSYHNU7xitI+aOApUJy1",
                                                 with: " ZWRyZWtvcmQSBTAuMC4xIKmS+KMGKkgKRjBEAiA2urRGPSYHNU7xitI+aOApUJy1")
        #expect(text != original)
        guard case .invalid = try await SignedGitObject(commit: Array(text.utf8)).verify(allowedSigners: nil, gitsign: verifier) else {
            Issue.record("a changed Rekor entry verified")
            return
        }
    }

    @Test("a truncated or garbled gitsign signature is invalid with a reason, never a crash")
    func gitsignHostile() async throws {
        let commit = SignedGitObject(commit: try AuditFixture.bytes("gitsign/offline.commit"))
        let armored = try #require(commit.signature)
        let base64 = armored.split(separator: "\n").dropFirst().dropLast().joined()
        let der = try #require(Data(base64Encoded: base64))
        let verifier = try Self.gitsignVerifier(subject: "billy@chainguard.dev", issuer: "https://accounts.google.com")
        func armor(_ bytes: [UInt8]) -> String {
            "-----BEGIN SIGNED MESSAGE-----\n\(Data(bytes).base64EncodedString())\n-----END SIGNED MESSAGE-----"
        }
        var variants: [[UInt8]] = stride(from: 0, to: der.count, by: 97).map { Array(der.prefix($0)) }
        for offset in stride(from: 3, to: der.count, by: 61) {
            var garbled = Array(der)
            garbled[offset] ^= 0x5A
            variants.append(garbled)
        }
        variants.append([])
        for variant in variants {
            guard case .invalid(let reason) = await verifier.verify(signature: armor(variant), over: commit.payload) else {
                Issue.record("a damaged signature (\(variant.count) bytes) verified")
                continue
            }
            #expect(reason.hasPrefix("gitsign:"), "\(reason)")
        }
        #expect(await verifier.verify(signature: "-----BEGIN SIGNED MESSAGE-----\n!!!\n-----END SIGNED MESSAGE-----", over: []) != .unsigned)
    }

    @Test("an unsigned commit is unsigned, and an OpenPGP signature without keys is named, not verified")
    func unsignedAndPGP() async throws {
        let unsigned = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nmsg\n"
        #expect(try await SignedGitObject(commit: Array(unsigned.utf8)).verify(allowedSigners: AllowedSigners(text: "")) == .unsigned)
        let pgp = unsigned.replacingOccurrences(of: "\n\nmsg", with: "\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEz\n -----END PGP SIGNATURE-----\n\nmsg")
        #expect(try await SignedGitObject(commit: Array(pgp.utf8)).verify(allowedSigners: AllowedSigners(text: "")) == .unsupported(kind: "OpenPGP"))
        #expect(SignedGitObject(commit: Array(pgp.utf8)).payload == Array(unsigned.utf8))
    }
}
